import Foundation

/// Whether an alert still fires.
public enum AlertStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case active
    case paused
    case cancelled
    case completed
}

/// How an alert reaches supporters.
public enum Channel: String, Sendable, Codable, CaseIterable, Hashable {
    case sms
    case voice
}

/// An urgent-action alert: message templates per language, a schedule and an expiry.
public struct Alert: Sendable, Hashable {
    public var id: Int64
    public var campaignID: Int64
    public var name: String
    public var channel: Channel
    /// Template text per language (`en`, `fr`, …); placeholders such as `{first_name}`.
    public var bodies: [String: String]
    public var schedule: AlertSchedule
    /// A message not delivered this long after its send time is dropped and counted, never sent late.
    public var expirySeconds: Int
    public var status: AlertStatus
    /// When the scheduler next materialises an occurrence (nil when none is left).
    public var nextOccurrenceAt: Date?
    /// The scheduled instant of the last occurrence materialised (nil before the first).
    public var lastScheduledAt: Date?
    public var createdBy: String
    public var createdAt: Date

    public init(
        id: Int64 = 0, campaignID: Int64, name: String, channel: Channel = .sms, bodies: [String: String],
        schedule: AlertSchedule, expirySeconds: Int = 86_400, status: AlertStatus = .active,
        nextOccurrenceAt: Date? = nil, lastScheduledAt: Date? = nil, createdBy: String, createdAt: Date
    ) {
        self.id = id
        self.campaignID = campaignID
        self.name = name
        self.channel = channel
        self.bodies = bodies
        self.schedule = schedule
        self.expirySeconds = expirySeconds
        self.status = status
        self.nextOccurrenceAt = nextOccurrenceAt
        self.lastScheduledAt = lastScheduledAt
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// One occurrence of an alert, ready to fan out.
public struct PlannedOccurrence: Sendable, Hashable {
    /// Unique per alert: the idempotency key that makes each occurrence fan out exactly once.
    public var key: String
    /// The send instant for same-instant delivery; for recipient-local delivery, the instant in the
    /// schedule's own zone (each recipient's is computed from ``local``).
    public var scheduledAt: Date
    /// The wall-clock time of the occurrence in the schedule's zone (recurring alerts).
    public var local: LocalDateTime?
    public var delivery: DeliveryMode

    public init(key: String, scheduledAt: Date, local: LocalDateTime?, delivery: DeliveryMode) {
        self.key = key
        self.scheduledAt = scheduledAt
        self.local = local
        self.delivery = delivery
    }

    /// When to materialise it: at its instant, or for recipient-local delivery when the first zone on
    /// Earth (UTC+14) reaches its wall-clock time, so every recipient's row exists before it is due.
    public var materializeAt: Date {
        guard self.delivery == .recipientLocal, let local = self.local else { return self.scheduledAt }
        return RecurrenceSchedule.utcInstant(local, in: TimeZone(secondsFromGMT: 14 * 3600)!)
    }

    /// The send instant for a recipient in `zone`.
    public func sendAt(recipientZone zone: TimeZone) -> Date {
        guard self.delivery == .recipientLocal, let local = self.local else { return self.scheduledAt }
        return RecurrenceSchedule.utcInstant(local, in: zone)
    }
}

extension Alert {
    /// The first occurrence strictly after `after` (nil: from the start), for once and recurring alerts.
    /// Relative alerts fire per supporter and have no shared occurrences.
    public func nextOccurrence(after: Date?) throws(RecurrenceError) -> PlannedOccurrence? {
        switch self.schedule {
        case .once(let at):
            guard after.map({ at > $0 }) ?? true else { return nil }
            return PlannedOccurrence(key: "once", scheduledAt: at, local: nil, delivery: .sameInstant)
        case .recurring(_, _, _, let delivery):
            guard let schedule = try self.schedule.recurrence(),
                let next = schedule.detailedOccurrences(after: after, limit: 1).first
            else { return nil }
            let key = delivery == .recipientLocal ? "local:\(next.local)" : "at:\(Int64(next.instant.timeIntervalSince1970))"
            return PlannedOccurrence(key: key, scheduledAt: next.instant, local: next.local, delivery: delivery)
        case .relative:
            return nil
        }
    }
}
