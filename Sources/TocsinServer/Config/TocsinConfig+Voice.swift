import Foundation
import TocsinCore
import TocsinEngine

/// Alert calls: the `voice.*` keys (the Twilio API base is `config.carriers.twilioAPIBaseURL`).
public struct VoiceConfig: Sendable {
    /// `voice.callback_number`: said in every call right after the identification (47 CFR 64.1200(b)(2));
    /// voice alerts cannot be created or placed without it.
    public var callbackNumber: String?
    /// `voice.calls_per_second` (default 1).
    public var callsPerSecond: Int
    /// `voice.max_calls_per_30_days` (default 3, compliance-facts §1.6).
    public var maxCallsPer30Days: Int
    /// Text-to-speech locale per language: ``VoiceScript/defaultLocales`` with `voice.locales` over them.
    public var locales: [String: String]

    /// The locale `language` is read in.
    public func locale(_ language: String) -> String {
        self.locales[language] ?? self.locales["en"] ?? "en-US"
    }

    /// The call dispatcher's settings (nil without a callback number: no calls are placed).
    public func callSettings(organisationName: String) -> CallSettings? {
        guard let callbackNumber = self.callbackNumber else { return nil }
        return CallSettings(
            organisationName: organisationName, callbackNumber: callbackNumber, callsPerSecond: self.callsPerSecond,
            cap: CallCap(maxCalls: self.maxCallsPer30Days)
        )
    }
}

extension TocsinConfig {
    /// The keys read here.
    static let voiceKeys = [
        "voice.callback_number", "voice.calls_per_second", "voice.max_calls_per_30_days", "voice.locales",
    ]

    /// Reads and checks the `voice.*` keys.
    static func voiceConfig(_ values: ConfigValues) throws(ConfigError) -> VoiceConfig {
        let callback = values["voice.callback_number"]
        if let callback, CampaignValidation.callTargetNumberProblem(callback) != nil {
            throw ConfigError("voice.callback_number '\(callback)' must be a phone number in E.164 form, e.g. +14155550199")
        }
        let perSecond = try values.int("voice.calls_per_second", default: 1)
        guard (1...100).contains(perSecond) else { throw ConfigError("voice.calls_per_second must be 1–100, not \(perSecond)") }
        let cap = try values.int("voice.max_calls_per_30_days", default: 3)
        guard (1...100).contains(cap) else { throw ConfigError("voice.max_calls_per_30_days must be 1–100, not \(cap)") }
        var locales = VoiceScript.defaultLocales
        for entry in values.list("voice.locales") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, Self.isLocale(parts[1]) else {
                throw ConfigError("voice.locales entries must look like fr=fr-FR (language=Twilio <Say> locale), not '\(entry)'")
            }
            locales[parts[0]] = parts[1]
        }
        return VoiceConfig(callbackNumber: callback, callsPerSecond: perSecond, maxCallsPer30Days: cap, locales: locales)
    }

    /// `xx-YY`, as Twilio's `<Say language>` takes it.
    static func isLocale(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && (2...3).contains(parts[0].count) && parts[1].count == 2
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "-") }
    }

    /// A configured campaign's `call_target_number`, checked (with its name).
    static func callTargetNumber(_ number: String?, name: String?, index: Int) throws(ConfigError) -> String? {
        guard number != nil || name != nil else { return nil }
        guard let number, name != nil else {
            throw ConfigError("campaigns[\(index)]: call_target_name and call_target_number go together; set both or neither")
        }
        if let problem = CampaignValidation.callTargetNumberProblem(number) { throw ConfigError("campaigns[\(index)].\(problem)") }
        return number
    }
}
