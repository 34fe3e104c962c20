import Foundation
import Synchronization
import TocsinCore

/// Parsed alert templates by the text of the alert's `bodies` column, kept across claims: each claim still
/// reads the column (an edited alert has a new text and is parsed again), but parses it once per process
/// instead of once per batch.
final class AlertTemplateCache: Sendable {
    /// The most texts it keeps; past that it starts again empty (alerts in flight at once are few).
    static let capacity = 64

    private let entries = Mutex<[String: [String: MessageTemplate]]>([:])

    /// The templates of an alert's `bodies` JSON (`{"en": "...", ...}`), by language
    /// (``AlertDraft/templates(bodies:)``, parsed once per text).
    func templates(bodies json: String) -> [String: MessageTemplate] {
        if let known = self.entries.withLock({ $0[json] }) { return known }
        let parsed = AlertDraft.templates(bodies: json)
        self.entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[json] = parsed
        }
        return parsed
    }

    /// How many texts it holds (for tests).
    var count: Int { self.entries.withLock { $0.count } }
}
