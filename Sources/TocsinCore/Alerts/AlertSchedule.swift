import Foundation

/// When an alert fires: on a recurrence in the campaign's zone, or once per supporter after they join.
///
/// JSON form, with a `kind` discriminator:
/// ```json
/// {"kind":"recurring","rule":"FREQ=WEEKLY;BYDAY=MO","start":"2026-03-02T10:00:00",
///  "timeZone":"America/New_York","delivery":"same_instant"}
/// {"kind":"relative","offsetDays":3,"offsetMinutes":0,"atLocalTime":"18:00"}
/// ```
public enum AlertSchedule: Sendable, Hashable {
    /// Once, at this instant, to everyone subscribed at that time.
    case once(at: Date)
    /// Each occurrence of `rule` from `start` in the IANA zone `timeZone`, delivered per `delivery`.
    case recurring(rule: RecurrenceRule, start: LocalDateTime, timeZone: String, delivery: DeliveryMode)
    /// Once per supporter, relative to when they joined, in their own zone.
    case relative(RelativeSchedule)

    /// The expanded recurrence for ``recurring(rule:start:timeZone:delivery:)``; `nil` for ``relative(_:)``.
    ///
    /// Build it once and keep it when expanding for many recipients: creating one checks the zone and UNTIL.
    /// - Throws: ``RecurrenceError`` for an unknown zone or an UNTIL before the start.
    public func recurrence() throws(RecurrenceError) -> RecurrenceSchedule? {
        guard case .recurring(let rule, let start, let timeZone, _) = self else { return nil }
        return try RecurrenceSchedule(rule: rule, start: start, timeZone: timeZone)
    }

    /// The next time this alert fires for one recipient, strictly after `after`; `nil` when it never will.
    ///
    /// - Parameters:
    ///   - after: Usually now, or the last time this recipient was sent this alert.
    ///   - recipientZone: The recipient's zone (callers without one pass the campaign's default zone).
    ///     Unused for a recurring alert delivered at the same instant.
    ///   - joinedAt: When the recipient joined; a relative alert without it never fires.
    /// - Throws: ``RecurrenceError`` for an unknown zone or an UNTIL before the start.
    public func nextFireDate(after: Date, recipientZone: TimeZone, joinedAt: Date?) throws(RecurrenceError) -> Date? {
        switch self {
        case .once(let at):
            return at > after ? at : nil
        case .relative(let relative):
            guard let joinedAt else { return nil }
            let fire = relative.fireDate(joinedAt: joinedAt, recipientZone: recipientZone)
            return fire > after ? fire : nil
        case .recurring(_, _, _, let delivery):
            guard let schedule = try self.recurrence() else { return nil }
            guard delivery == .recipientLocal else { return schedule.nextOccurrence(after: after) }
            // The recipient's clock differs from the campaign's by at most ~26 hours: look from two days
            // earlier and take the first occurrence whose local time, read in their zone, is still ahead.
            var cursor: Date? = after.addingTimeInterval(-2 * 86_400)
            while let from = cursor {
                let batch = schedule.detailedOccurrences(after: from, limit: 64)
                for occurrence in batch {
                    let fire = delivery.instant(for: occurrence, recipientZone: recipientZone)
                    if fire > after { return fire }
                }
                cursor = batch.count == 64 ? batch.last?.instant : nil
            }
            return nil
        }
    }
}

// MARK: - Codable

extension AlertSchedule: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, rule, start, timeZone, delivery, offsetDays, offsetMinutes, atLocalTime, at
    }

    /// Decodes the `kind`-tagged JSON form shown on ``AlertSchedule``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "recurring":
            self = .recurring(
                rule: try container.decode(RecurrenceRule.self, forKey: .rule),
                start: try container.decode(LocalDateTime.self, forKey: .start),
                timeZone: try container.decode(String.self, forKey: .timeZone),
                delivery: try container.decode(DeliveryMode.self, forKey: .delivery)
            )
        case "relative":
            self = .relative(try RelativeSchedule(from: decoder))
        case "once":
            self = .once(at: Date(timeIntervalSince1970: try container.decode(Double.self, forKey: .at)))
        case let other:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "Unknown schedule kind '\(other)'. Use \"once\", \"recurring\" or \"relative\"."
            )
        }
    }

    /// Encodes the `kind`-tagged JSON form shown on ``AlertSchedule``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .recurring(let rule, let start, let timeZone, let delivery):
            try container.encode("recurring", forKey: .kind)
            try container.encode(rule, forKey: .rule)
            try container.encode(start, forKey: .start)
            try container.encode(timeZone, forKey: .timeZone)
            try container.encode(delivery, forKey: .delivery)
        case .relative(let relative):
            try container.encode("relative", forKey: .kind)
            try relative.encode(to: encoder)
        case .once(let at):
            try container.encode("once", forKey: .kind)
            try container.encode(at.timeIntervalSince1970, forKey: .at)
        }
    }
}
