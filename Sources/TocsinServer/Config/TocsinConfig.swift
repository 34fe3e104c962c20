import Foundation
import TocsinCore
import TocsinEngine
import TocsinStore

/// Everything `tocsin serve` needs, typed and validated.
///
/// Configuration keys (YAML path → environment variable `TOCSIN_<PATH>`; see the README for each):
/// - `organisation.name`, `.brand`, `.support_contact`, `.senders`, `.default_region`, `.default_language`,
///   `.home_jurisdiction`, `.carrier_answers_stop`, `.undo_window_minutes`
/// - `server.host` (default 127.0.0.1), `server.port` (8080), `server.public_url`, `server.max_body_bytes`
/// - `storage.database` (default `tocsin.sqlite`)
/// - `paths.keywords` (default `Keywords`), `paths.compliance` (default `Compliance`)
/// - `carrier.kind` (`mock`, `twilio`, `telnyx` or `route`), `carrier.mock_outbox` (default `mock-outbox.jsonl`),
///   `carrier.route`, `.sender_routes`, `.breaker_failures`, `.breaker_cooldown_seconds`, `.timeout_seconds`
/// - `twilio.account_sid`, `twilio.auth_token` (secret), `.api_base_url`, `.messaging_service_sid`
/// - `telnyx.api_key` (secret), `.public_key`, `.messaging_profile_id`, `.api_base_url`
/// - `review.deadline_business_days` (default 2), `review.time_zone` (default UTC), `review.holidays`
/// - `alerts.max_segments` (default 4), `alerts.fanout_batch_size` (default 5000)
/// - `dispatch.per_second`/`.per_minute`/`.per_day`, `.senders`, `.concurrency`, `.batch_size`, `.max_attempts`,
///   `.max_per_24h`, `.crash_policy`, `.quiet_hours_weekday`/`_weekend`, `.default_time_zone`, `.lease_seconds`,
///   `.heartbeat_seconds`
/// - `compliance.launch_checks` (`enforce` or `report`)
/// - `campaigns`: a list seeded into the store at start (YAML only)
public struct TocsinConfig: Sendable {
    public var profile: OrgProfile
    public var host: String
    public var port: Int
    /// The URL at which carriers reach this server (used to check webhook signatures behind a proxy).
    public var publicURL: String
    public var maxBodyBytes: Int
    public var databasePath: String
    /// `full` (default: every commit flushed to disk) or `normal` (WAL: survives process crashes, not power loss).
    public var durability: SQLiteStore.Durability
    public var keywordsDirectory: String
    public var complianceDirectory: String
    public var carrierKind: String
    public var mockOutboxPath: String
    public var twilioAccountSID: String?
    /// Secret: never logged, never printed.
    public var twilioAuthToken: String?
    /// Real carriers: route, endpoints, Telnyx credentials, circuit breaker (see ``CarrierSettings``).
    public var carriers: CarrierSettings
    public var campaigns: [Campaign]
    /// Business days a reviewer has to decide an ambiguous text (1–10; after it, it counts as an opt-out).
    public var reviewBusinessDays: Int
    /// The calendar review deadlines are counted in.
    public var reviewCalendar: BusinessCalendar
    /// The most segments an alert body may render to (compliance-facts §8.E caps at 10).
    public var maxSegments: Int
    /// Outbox rows written per fan-out transaction.
    public var fanoutBatchSize: Int
    /// How the dispatcher sends (pacing, gates, retries, crash policy).
    public var dispatch: DispatchSettings
    /// Log level and format (`log.level`, `log.format`).
    public var log: LogOptions
    /// How long a graceful shutdown (SIGTERM) may take before in-flight work is cancelled.
    public var shutdownGraceSeconds: Int
    /// How the `Compliance/` policies apply (launch checks); see TocsinConfig+Compliance.swift.
    public var compliance: ComplianceSettings
    /// Alert calls (`voice.*`).
    public var voice: VoiceConfig
    /// The ledger, erasure and unsubscribe links (`compliance.*`, see TocsinConfig+Ledger).
    public var ledger: LedgerSettings

    /// Every key that the environment can override.
    public static let keys = [
        "organisation.name", "organisation.brand", "organisation.support_contact", "organisation.senders",
        "organisation.default_region", "organisation.default_language", "organisation.home_jurisdiction",
        "organisation.carrier_answers_stop", "organisation.undo_window_minutes",
        "server.host", "server.port", "server.public_url", "server.max_body_bytes",
        "storage.database", "storage.durability", "paths.keywords", "paths.compliance",
        "carrier.kind", "carrier.mock_outbox", "twilio.account_sid", "twilio.auth_token",
        "review.deadline_business_days", "review.time_zone", "review.holidays", "alerts.max_segments", "alerts.fanout_batch_size",
    ] + dispatchKeys + operationsKeys + complianceKeys + voiceKeys + carrierKeys + ledgerKeys

    /// Builds the configuration from layered values, checking every key.
    public init(_ values: ConfigValues) throws(ConfigError) {
        let brand = values.string("organisation.brand", default: values.string("organisation.name", default: "Tocsin"))
        let region = values.string("organisation.default_region", default: "US").uppercased()
        self.profile = OrgProfile(
            name: values.string("organisation.name", default: brand),
            brand: brand,
            supportContact: values.string("organisation.support_contact", default: "reply HELP"),
            senders: values.list("organisation.senders"),
            defaultRegion: region,
            defaultLanguage: values.string("organisation.default_language", default: "en"),
            homeJurisdiction: values.string("organisation.home_jurisdiction", default: "US"),
            carrierAnswersStop: try values.bool("organisation.carrier_answers_stop", default: false),
            undoWindowSeconds: try values.int("organisation.undo_window_minutes", default: 60) * 60
        )
        self.host = values.string("server.host", default: "127.0.0.1")
        self.port = try values.int("server.port", default: 8080)
        guard (0...65535).contains(self.port) else { throw ConfigError("server.port must be 0–65535, not \(self.port)") }
        self.publicURL = values.string("server.public_url", default: "http://\(self.host):\(self.port)")
        self.maxBodyBytes = try values.int("server.max_body_bytes", default: 64 * 1024)
        self.databasePath = values.string("storage.database", default: "tocsin.sqlite")
        try Self.checkStorage(self.databasePath)
        let durability = values.string("storage.durability", default: "full")
        guard let parsedDurability = SQLiteStore.Durability(rawValue: durability) else {
            throw ConfigError("storage.durability must be full or normal, not '\(durability)'")
        }
        self.durability = parsedDurability
        self.keywordsDirectory = values.string("paths.keywords", default: "Keywords")
        self.complianceDirectory = values.string("paths.compliance", default: "Compliance")
        self.carrierKind = values.string("carrier.kind", default: values["carrier.route"] == nil ? "mock" : "route")
        guard Self.carrierKinds.contains(self.carrierKind) else {
            throw ConfigError("carrier.kind must be mock, twilio, telnyx or route, not '\(self.carrierKind)'")
        }
        self.mockOutboxPath = values.string("carrier.mock_outbox", default: "mock-outbox.jsonl")
        self.twilioAccountSID = values["twilio.account_sid"]
        self.twilioAuthToken = values["twilio.auth_token"]
        self.carriers = try Self.carrierSettings(values, kind: self.carrierKind)
        self.campaigns = try values.campaigns.enumerated().map { index, entry throws(ConfigError) in
            try Self.campaign(entry, index: index)
        }
        self.maxSegments = try values.int("alerts.max_segments", default: 4)
        guard (1...10).contains(self.maxSegments) else {
            throw ConfigError("alerts.max_segments must be 1–10, not \(self.maxSegments)")
        }
        self.fanoutBatchSize = try values.int("alerts.fanout_batch_size", default: 5000)
        guard (1...1_000_000).contains(self.fanoutBatchSize) else {
            throw ConfigError("alerts.fanout_batch_size must be 1–1000000, not \(self.fanoutBatchSize)")
        }
        self.dispatch = try Self.dispatchSettings(values, brand: brand)
        (self.log, self.shutdownGraceSeconds) = try Self.operations(values)
        self.compliance = try Self.complianceSettings(values)
        self.voice = try Self.voiceConfig(values)
        self.ledger = try Self.ledgerSettings(values)
        self.reviewBusinessDays = try values.int("review.deadline_business_days", default: 2)
        guard (1...10).contains(self.reviewBusinessDays) else {
            throw ConfigError("review.deadline_business_days must be 1–10 (the legal ceiling is 10 business days), not \(self.reviewBusinessDays)")
        }
        let zoneName = values.string("review.time_zone", default: "UTC")
        guard let zone = TimeZone(identifier: zoneName) else {
            throw ConfigError("review.time_zone '\(zoneName)' is not an IANA time zone (e.g. America/New_York)")
        }
        let holidays = values.list("review.holidays")
        for holiday in holidays where !Self.isISODate(holiday) {
            throw ConfigError("review.holidays entries must be dates like 2026-12-25, not '\(holiday)'")
        }
        self.reviewCalendar = BusinessCalendar(timeZone: zone, holidays: Set(holidays))
        guard PhoneNumber.isSupportedRegion(region) else {
            throw ConfigError("organisation.default_region '\(region)' is not a supported region (e.g. US, CA, HK, GB)")
        }
    }

    /// Loads `file` (when given), then the environment, then `flags` (dotted keys).
    public static func load(file: String?, environment: [String: String], flags: [String: String?]) throws(ConfigError) -> TocsinConfig {
        var values = ConfigValues()
        if let file {
            let text: String
            do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw ConfigError("cannot read config file \(file): check the path (e.g. --config Examples/demo.yaml)")
            }
            try values.load(yaml: text, file: file)
        }
        values.applyEnvironment(environment, knownKeys: Self.keys)
        for (key, value) in flags { values.set(key, value) }
        return try TocsinConfig(values)
    }

    static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    private static func campaign(_ entry: [String: String], index: Int) throws(ConfigError) -> Campaign {
        func required(_ key: String) throws(ConfigError) -> String {
            guard let value = entry[key], !value.isEmpty else { throw ConfigError("campaigns[\(index)].\(key) is required") }
            return value
        }
        let slug = try required("slug")
        guard Campaign.isValidSlug(slug) else {
            throw ConfigError("campaigns[\(index)].slug '\(slug)' must be lower-case letters, digits and '-'")
        }
        let purposeText = entry["purpose"] ?? "advocacy"
        guard let purpose = CampaignPurpose(rawValue: purposeText) else {
            throw ConfigError("campaigns[\(index)].purpose must be advocacy, fundraising or commercial, not '\(purposeText)'")
        }
        func list(_ key: String) -> [String] {
            (entry[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let keywords = list("keywords").map { $0.uppercased() }
        guard !keywords.isEmpty else { throw ConfigError("campaigns[\(index)].keywords needs at least one join keyword") }
        return Campaign(
            slug: slug,
            programName: try required("program_name"),
            description: entry["description"] ?? "",
            category: entry["category"] ?? "",
            purpose: purpose,
            frequency: try required("frequency"),
            languages: list("languages").isEmpty ? ["en"] : list("languages"),
            jurisdiction: entry["jurisdiction"] ?? "US",
            actionLink: entry["action_link"],
            keywords: keywords,
            callTargetName: entry["call_target_name"],
            callTargetNumber: try Self.callTargetNumber(entry["call_target_number"], name: entry["call_target_name"], index: index)
        )
    }
}
