import Foundation
import TocsinCore
import TocsinEngine

extension TocsinConfig {
    /// The `dispatch.*` keys.
    static let dispatchKeys = [
        "dispatch.per_second", "dispatch.per_minute", "dispatch.per_day", "dispatch.senders", "dispatch.concurrency",
        "dispatch.batch_size", "dispatch.max_attempts", "dispatch.max_per_24h", "dispatch.crash_policy",
        "dispatch.quiet_hours_weekday", "dispatch.quiet_hours_weekend", "dispatch.default_time_zone",
        "dispatch.lease_seconds", "dispatch.heartbeat_seconds",
    ]

    /// Reads the dispatcher's settings, checking each value.
    static func dispatchSettings(_ values: ConfigValues, brand: String) throws(ConfigError) -> DispatchSettings {
        func positive(_ key: String, _ fallback: Int) throws(ConfigError) -> Int {
            let value = try values.int(key, default: fallback)
            guard value > 0 else { throw ConfigError("\(key) must be a positive whole number, not \(value)") }
            return value
        }
        func window(_ key: String, _ fallback: QuietHours.Window) throws(ConfigError) -> QuietHours.Window {
            guard let text = values[key] else { return fallback }
            guard let window = QuietHours.Window(text) else {
                throw ConfigError("\(key) must be a local time range like 09:00-20:00, not '\(text)'")
            }
            return window
        }
        let limits = SenderLimits(
            perSecond: try positive("dispatch.per_second", 100), perMinute: try positive("dispatch.per_minute", 6000),
            perDay: try positive("dispatch.per_day", 1_000_000)
        )
        var senders: [String: SenderLimits] = [:]
        for entry in values.list("dispatch.senders") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let parsed = SenderLimits(parts[1]) else {
                throw ConfigError("dispatch.senders entries must look like +15550100=1/60/10000 (per second/minute/day), not '\(entry)'")
            }
            senders[parts[0]] = parsed
        }
        let policyText = values.string("dispatch.crash_policy", default: CrashPolicy.atMostOnce.rawValue)
        guard let policy = CrashPolicy(rawValue: policyText) else {
            throw ConfigError("dispatch.crash_policy must be at_most_once or at_least_once, not '\(policyText)'")
        }
        let zoneName = values.string("dispatch.default_time_zone", default: "America/New_York")
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ConfigError("dispatch.default_time_zone '\(zoneName)' is not an IANA time zone (e.g. America/New_York)")
        }
        let defaults = QuietHours()
        let gate = SendGate(
            quietHours: QuietHours(
                weekday: try window("dispatch.quiet_hours_weekday", defaults.weekday),
                weekend: try window("dispatch.quiet_hours_weekend", defaults.weekend)
            ),
            maxPer24Hours: try positive("dispatch.max_per_24h", 3), fallbackZones: [zone]
        )
        var settings = DispatchSettings(
            gate: gate, limits: limits, senderLimits: senders, concurrency: try positive("dispatch.concurrency", 16),
            batchSize: try positive("dispatch.batch_size", DispatchSettings.defaultBatchSize), maxAttempts: try positive("dispatch.max_attempts", 6),
            lease: TimeInterval(try positive("dispatch.lease_seconds", 300)), crashPolicy: policy, brand: brand
        )
        let heartbeat = try values.int("dispatch.heartbeat_seconds", default: 2)
        guard (1...60).contains(heartbeat) else {
            throw ConfigError("dispatch.heartbeat_seconds must be a whole number of seconds from 1 to 60, not \(heartbeat)")
        }
        settings.heartbeatInterval = .seconds(heartbeat)
        return settings
    }
}
