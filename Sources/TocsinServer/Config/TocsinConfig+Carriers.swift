import Foundation
import TocsinCarriers

extension TocsinConfig {
    /// The carrier keys added with real carriers (`carrier.kind`, `twilio.account_sid` and
    /// `twilio.auth_token` are in ``keys`` already).
    static let carrierKeys = [
        "carrier.route", "carrier.sender_routes", "carrier.breaker_failures", "carrier.breaker_cooldown_seconds",
        "carrier.timeout_seconds", "twilio.api_base_url", "twilio.messaging_service_sid", "telnyx.api_key",
        "telnyx.public_key", "telnyx.messaging_profile_id", "telnyx.api_base_url",
    ]

    /// The carrier kinds `carrier.kind` accepts.
    static let carrierKinds = ["mock", "twilio", "telnyx", "route"]

    /// The carriers a route may name.
    static let routableCarriers = ["twilio", "telnyx", "mock"]

    /// Reads the carrier settings and refuses to start a real carrier without its credentials, naming the
    /// missing key.
    static func carrierSettings(_ values: ConfigValues, kind: String) throws(ConfigError) -> CarrierSettings {
        func positive(_ key: String, _ fallback: Int) throws(ConfigError) -> Int {
            let value = try values.int(key, default: fallback)
            guard value > 0 else { throw ConfigError("\(key) must be a positive whole number, not \(value)") }
            return value
        }
        func checkedRoute(_ names: [String], key: String) throws(ConfigError) -> [String] {
            guard !names.isEmpty else { throw ConfigError("\(key) lists no carrier: give one or more of twilio, telnyx") }
            for name in names where !Self.routableCarriers.contains(name) {
                throw ConfigError("\(key) names '\(name)'; carriers are twilio, telnyx or mock")
            }
            guard Set(names).count == names.count else { throw ConfigError("\(key) lists a carrier twice: \(names)") }
            return names
        }
        let configured = values.list("carrier.route")
        let route: [String]
        switch kind {
        case "route": route = try checkedRoute(configured, key: "carrier.route")
        default:
            guard configured.isEmpty else {
                throw ConfigError("carrier.route is set but carrier.kind is \(kind): set carrier.kind to route (or remove carrier.route)")
            }
            route = [kind]
        }
        var senderRoutes: [String: [String]] = [:]
        for entry in values.list("carrier.sender_routes") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kind == "route", parts.count == 2, !parts[0].isEmpty else {
                throw ConfigError(
                    "carrier.sender_routes entries look like +15550100=telnyx/twilio and need carrier.kind route, not '\(entry)'"
                )
            }
            let names = parts[1].split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            senderRoutes[parts[0]] = try checkedRoute(names, key: "carrier.sender_routes (\(parts[0]))")
        }
        let settings = CarrierSettings(
            route: route, senderRoutes: senderRoutes, breakerFailures: try positive("carrier.breaker_failures", 5),
            breakerCooldown: TimeInterval(try positive("carrier.breaker_cooldown_seconds", 30)),
            timeoutSeconds: try positive("carrier.timeout_seconds", 15),
            twilioAPIBaseURL: values.string("twilio.api_base_url", default: "https://api.twilio.com"),
            twilioMessagingServiceSID: values["twilio.messaging_service_sid"], telnyxAPIKey: values["telnyx.api_key"],
            telnyxPublicKey: values["telnyx.public_key"], telnyxMessagingProfileID: values["telnyx.messaging_profile_id"],
            telnyxAPIBaseURL: values.string("telnyx.api_base_url", default: "https://api.telnyx.com")
        )
        let inUse = settings.carriersInUse
        let required = [
            ("twilio", "twilio.account_sid"), ("twilio", "twilio.auth_token"), ("telnyx", "telnyx.api_key"),
            ("telnyx", "telnyx.public_key"),
        ]
        for (carrier, key) in required where inUse.contains(carrier) && values[key] == nil {
            let variable = "TOCSIN_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
            let uses = kind == "route" ? "route uses" : "kind is"
            throw ConfigError("carrier \(uses) \(carrier) but \(key) (\(variable)) is missing")
        }
        if let key = settings.telnyxPublicKey, TelnyxSignature(publicKey: key) == nil {
            throw ConfigError("telnyx.public_key must be the base64 Ed25519 public key from the Telnyx portal (32 bytes)")
        }
        for (key, url) in [("twilio.api_base_url", settings.twilioAPIBaseURL), ("telnyx.api_base_url", settings.telnyxAPIBaseURL)]
        where !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            throw ConfigError("\(key) must be an http(s) URL like https://api.twilio.com, not '\(url)'")
        }
        return settings
    }
}
