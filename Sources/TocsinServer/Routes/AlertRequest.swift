import Foundation
import TocsinCore

/// The JSON a campaigner sends to create an alert.
struct AlertRequest: Decodable {
    struct Schedule: Decodable {
        var kind: String?
        var at: String?
        var rule: String?
        var start: String?
        var timeZone: String?
        var delivery: String?
        var offsetDays: Int?
        var offsetMinutes: Int?
        var atLocalTime: String?

        enum CodingKeys: String, CodingKey {
            case kind, at, rule, start, delivery
            case timeZone = "time_zone"
            case offsetDays = "offset_days"
            case offsetMinutes = "offset_minutes"
            case atLocalTime = "at_local_time"
        }
    }

    var name: String?
    var channel: String?
    var bodies: [String: String]?
    var schedule: Schedule?
    var expiryHours: Double?

    enum CodingKeys: String, CodingKey {
        case name, channel, bodies, schedule
        case expiryHours = "expiry_hours"
    }

    /// The draft, or a 4xx saying what to fix.
    func draft(now: Date) throws -> AlertDraft {
        guard let name = self.name else { throw APIError.badRequest("missing field: name") }
        guard let bodies = self.bodies else { throw APIError.badRequest("missing field: bodies (a template per language, e.g. {\"en\":\"…\"})") }
        let channelText = self.channel ?? "sms"
        guard let channel = Channel(rawValue: channelText) else { throw APIError.invalid("channel must be sms or voice") }
        let expiry = self.expiryHours ?? 24
        return AlertDraft(
            name: name, channel: channel, bodies: bodies, schedule: try Self.schedule(self.schedule, now: now),
            expirySeconds: Int((expiry * 3600).rounded())
        )
    }

    static func schedule(_ schedule: Schedule?, now: Date) throws -> AlertSchedule {
        guard let schedule, let kind = schedule.kind else {
            throw APIError.badRequest("missing field: schedule.kind (once, recurring or relative)")
        }
        switch kind {
        case "once":
            guard let text = schedule.at else { return .once(at: now) }
            guard let at = ISO8601DateFormatter().date(from: text) else {
                throw APIError.invalid("schedule.at must be an ISO 8601 instant such as 2026-12-01T15:00:00Z")
            }
            return .once(at: at)
        case "recurring":
            guard let ruleText = schedule.rule, let startText = schedule.start, let zone = schedule.timeZone else {
                throw APIError.badRequest("a recurring schedule needs rule, start (local time) and time_zone")
            }
            let delivery = try schedule.delivery.map { text in
                guard let mode = DeliveryMode(rawValue: text) else { throw APIError.invalid("schedule.delivery must be same_instant or recipient_local") }
                return mode
            } ?? .sameInstant
            do {
                let rule = try RecurrenceRule(parsing: ruleText)
                let start = try LocalDateTime(parsing: startText)
                _ = try RecurrenceSchedule(rule: rule, start: start, timeZone: zone)
                return .recurring(rule: rule, start: start, timeZone: zone, delivery: delivery)
            } catch {
                throw APIError.invalid("schedule: \(error)")
            }
        case "relative":
            var atLocal: LocalTimeOfDay?
            if let text = schedule.atLocalTime {
                do { atLocal = try LocalTimeOfDay(parsing: text) } catch {
                    throw APIError.invalid("schedule.at_local_time must be HH:MM, e.g. 18:00")
                }
            }
            guard schedule.offsetDays != nil || schedule.offsetMinutes != nil else {
                throw APIError.badRequest("a relative schedule needs offset_days and/or offset_minutes")
            }
            return .relative(RelativeSchedule(offsetDays: schedule.offsetDays ?? 0, offsetMinutes: schedule.offsetMinutes ?? 0, atLocalTime: atLocal))
        default:
            throw APIError.invalid("schedule.kind must be once, recurring or relative")
        }
    }
}

extension AlertSchedule {
    /// The API's JSON form of a schedule.
    var json: JSON {
        switch self {
        case .once(let at):
            return .object(["kind": .string("once"), "at": .string(at.formatted(.iso8601))])
        case .recurring(let rule, let start, let zone, let delivery):
            return .object([
                "kind": .string("recurring"), "rule": .string(rule.description), "start": .string(start.description),
                "time_zone": .string(zone), "delivery": .string(delivery.rawValue),
            ])
        case .relative(let relative):
            return .object([
                "kind": .string("relative"), "offset_days": .int(relative.offsetDays), "offset_minutes": .int(relative.offsetMinutes),
                "at_local_time": .optional(relative.atLocalTime?.description),
            ])
        }
    }
}
