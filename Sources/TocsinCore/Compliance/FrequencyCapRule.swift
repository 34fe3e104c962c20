import Foundation

/// At most ``max`` messages of one campaign (one subject) to one number per ``period``.
public struct FrequencyCapRule: Sendable, Hashable {
    public var citation: RuleCitation
    public var scope: PolicyScope
    public var max: Int
    /// The sliding window, in seconds (24 h, 30 days).
    public var period: TimeInterval

    public init(citation: RuleCitation, scope: PolicyScope, max: Int, period: TimeInterval) {
        self.citation = citation
        self.scope = scope
        self.max = max
        self.period = period
    }

    /// When one more message is allowed given earlier sends (nil: now).
    public func freesAt(recentSends: [Date], now: Date) -> Date? {
        let inWindow = recentSends.filter { now.timeIntervalSince($0) < self.period }.sorted()
        guard inWindow.count >= self.max else { return nil }
        // The send that must leave the window for the count to drop below the cap.
        return inWindow[inWindow.count - Swift.max(self.max, 1)].addingTimeInterval(self.period)
    }
}

/// What kind of consent a purpose and channel need, and which recorded consent sources satisfy it.
public struct ConsentRule: Sendable, Hashable {
    public var citation: RuleCitation
    public var scope: PolicyScope
    /// `express`, `written` (prior express written consent) or `express_or_implied`.
    public var standard: String
    /// The consent sources (``ConsentSource`` raw values) that meet the standard; empty: any active consent.
    public var acceptedSources: Set<String>
    /// Plain words for the compliance officer.
    public var note: String

    public init(citation: RuleCitation, scope: PolicyScope, standard: String, acceptedSources: Set<String> = [], note: String = "") {
        self.citation = citation
        self.scope = scope
        self.standard = standard
        self.acceptedSources = acceptedSources
        self.note = note
    }
}

/// How long a kind of record is kept.
public struct RetentionRule: Sendable, Hashable {
    public var citation: RuleCitation
    /// `consent`, `opt_out`, `unsubscribe_request`, `dnc_request`, ...
    public var record: String
    /// Days to keep it (after the last contact for consent).
    public var days: Int

    public init(citation: RuleCitation, record: String, days: Int) {
        self.citation = citation
        self.record = record
        self.days = days
    }
}
