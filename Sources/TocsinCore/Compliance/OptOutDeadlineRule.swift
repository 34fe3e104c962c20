import Foundation

/// How fast an opt-out must be honoured: business or working days on a holiday calendar, or hours.
public struct OptOutDeadlineRule: Sendable, Hashable {
    public enum Limit: Sendable, Hashable {
        /// Monday–Friday minus the named calendar's holidays (US "business days", HK "working days").
        case businessDays(Int, calendar: String)
        /// Elapsed hours ("without delay").
        case hours(Int)
    }

    public var citation: RuleCitation
    public var limit: Limit

    public init(citation: RuleCitation, limit: Limit) {
        self.citation = citation
        self.limit = limit
    }
}

/// The opt-out deadline of one event, from the strictest applicable rule.
public struct OptOutDeadline: Sendable, Hashable {
    public var receivedAt: Date
    /// The legal ceiling: the opt-out must be honoured before this instant.
    public var dueAt: Date
    /// The 24-hour warning threshold (compliance-facts §8.A "alerts at > 24 h"), never after ``dueAt``.
    public var warnAt: Date
    /// Two business days before ``dueAt`` for day-based rules (the "10 days minus 2" alarm), else ``dueAt``.
    public var alarmAt: Date
    /// The rule that set ``dueAt`` (id and source).
    public var rule: RuleCitation

    public init(receivedAt: Date, dueAt: Date, warnAt: Date, alarmAt: Date, rule: RuleCitation) {
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.warnAt = warnAt
        self.alarmAt = alarmAt
        self.rule = rule
    }

    /// The warning threshold after receipt.
    public static let warningInterval: TimeInterval = 24 * 3600
}
