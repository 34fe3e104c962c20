import Foundation

/// The legal deadline for honouring an opt-out received at an instant: the instant it must be honoured by.
/// The phone number (nil when erased) lets a policy pick its jurisdiction's calendar.
public typealias OptOutDeadlineFunction = @Sendable (PhoneNumber?, Date) -> Date

/// Where an opt-out or a possible opt-out stands against its deadline.
public enum DeadlineStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Unresolved, more than 24 hours before the deadline.
    case open
    /// Unresolved, the deadline is less than 24 hours away.
    case dueSoon = "due_soon"
    /// Unresolved and past the deadline.
    case overdue
    /// Resolved in time.
    case onTime = "on_time"
    /// Resolved, but after the deadline.
    case late

    /// How long before the deadline an unresolved item is flagged (compliance-facts §8.A: alert at 24 h).
    public static let warning: TimeInterval = 24 * 3600

    /// The status of an item received at `received`, resolved at `resolved` (nil while unresolved).
    public static func assess(deadline: Date, resolved: Date?, now: Date) -> DeadlineStatus {
        if let resolved { return resolved <= deadline ? .onTime : .late }
        if now >= deadline { return .overdue }
        return deadline.timeIntervalSince(now) <= Self.warning ? .dueSoon : .open
    }

    /// The default deadline: 10 business days (47 CFR 64.1200(a)(10), CASL s.11(3)) on `calendar`.
    public static func businessDays(_ days: Int = 10, calendar: BusinessCalendar = BusinessCalendar()) -> OptOutDeadlineFunction {
        { _, received in calendar.adding(businessDays: days, to: received) }
    }
}

/// How many items stand where, for a report or a metric.
public struct DeadlineCounts: Sendable, Hashable {
    /// Unresolved possible opt-outs (pending reviews).
    public var pending: Int
    public var dueSoon: Int
    public var overdue: Int
    /// Opt-outs honoured after their deadline (within the report's window).
    public var late: Int

    public init(pending: Int = 0, dueSoon: Int = 0, overdue: Int = 0, late: Int = 0) {
        self.pending = pending
        self.dueSoon = dueSoon
        self.overdue = overdue
        self.late = late
    }
}
