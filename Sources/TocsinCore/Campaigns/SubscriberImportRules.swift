import Foundation

/// What a row is checked against.
public struct SubscriberImportRules: Sendable, Hashable {
    /// Region for numbers written without a country code.
    public var defaultRegion: String
    /// The campaign's languages; a row's `language` must be one of them.
    public var languages: [String]
    /// Consent cannot have been given after this instant (the time of the import).
    public var now: Date

    public init(defaultRegion: String, languages: [String], now: Date) {
        self.defaultRegion = defaultRegion
        self.languages = languages
        self.now = now
    }
}
