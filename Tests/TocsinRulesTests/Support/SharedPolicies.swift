import Foundation
import TocsinCore
import TocsinRules

/// The repository's `Compliance/` policies, loaded once, and helpers for policy tests.
enum SharedPolicies {
    static let set: PolicySet = {
        do { return try PolicyFiles.load(directory: TestPaths.compliance) } catch { fatalError("Compliance/ does not load: \(error)") }
    }()

    /// A number from its E.164 text.
    static func phone(_ e164: String) -> PhoneNumber {
        guard let phone = PhoneNumber(e164: e164) else { fatalError("\(e164) is not valid") }
        return phone
    }

    static func utc(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad date \(text)") }
        return date
    }

    static func zones(_ phone: PhoneNumber, fallback: String = "America/New_York") -> [TimeZone] {
        let names = phone.timeZones.isEmpty ? [fallback] : phone.timeZones
        return names.compactMap(TimeZone.init(identifier:))
    }

    /// The policy gate for a number at `now` (UTC text).
    static func decide(
        _ e164: String, _ purpose: CampaignPurpose, _ channel: Channel = .sms, at now: String, kind: MessageKind = .alert,
        recent: [String] = [], consent: String? = "keyword", orgWindow: Bool = false
    ) -> PolicyDecision {
        let phone = Self.phone(e164)
        return PolicyGate.evaluate(
            policy: Self.set.policy(for: Self.set.jurisdiction(of: phone)), purpose: purpose, channel: channel, kind: kind,
            now: Self.utc(now), recentSends: recent.map(Self.utc), zones: Self.zones(phone), consentSource: consent,
            extraWindows: orgWindow ? [DailyWindow(QuietHours())] : []
        )
    }
}
