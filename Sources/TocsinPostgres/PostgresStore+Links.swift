import Foundation
import TocsinStore

extension PostgresStore {
    /// Makes alert bodies' `{unsubscribe_url}` point at `baseURL` (the server's public URL), each link
    /// working for `validityDays` days, signed with the key derived from the store's erasure key (as
    /// SQLiteStore's, so a link made by one instance or engine is accepted by any with the same key).
    public func configureUnsubscribeLinks(baseURL: String, validityDays: Int) {
        let links = UnsubscribeLinks(baseURL: baseURL, validity: TimeInterval(validityDays) * 86_400, erasureKey: self.erasureKey)
        self.unsubscribeLinks.withLock { $0 = links }
    }

    /// The unsubscribe links in force (nil until ``configureUnsubscribeLinks(baseURL:validityDays:)``).
    public var links: UnsubscribeLinks? { self.unsubscribeLinks.withLock { $0 } }
}
