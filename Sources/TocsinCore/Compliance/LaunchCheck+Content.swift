import Foundation

extension LaunchCheck {
    /// The failures of one content rule for one jurisdiction whose recipients get the bodies `received`.
    func check(_ rule: ContentRule, jurisdiction: String, received: [String], rendered: [String: String]) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ reason: String) {
            failures.append(Failure(jurisdiction: jurisdiction, rule: rule.citation, requirement: rule.requirement, reason: reason))
        }
        let program = self.campaign.programName
        switch rule.coverage {
        case .eachBody:
            for language in received {
                let text = rendered[language] ?? ""
                for (phraseLanguage, phrases) in rule.phrases.sorted(by: { $0.key < $1.key })
                where !rule.contains(text, phrases: phrases, brand: self.brand, program: program) {
                    let which = phraseLanguage == "any" ? "" : "\(Self.languageName(phraseLanguage)) "
                    let place = rule.withinFirst.map { " in its first \($0) characters" } ?? ""
                    fail("bodies.\(language) has no \(which)phrase\(place) such as \(self.example(phrases))")
                }
            }
        case .perLanguage:
            let listed = rule.phrases.keys.sorted()
            for language in listed {
                guard let text = rendered[language] else {
                    fail("no \(Self.languageName(language)) body (bodies.\(language)): required in \(listed.map(Self.languageName).joined(separator: " and "))")
                    continue
                }
                if !rule.contains(text, phrases: rule.phrases[language] ?? [], brand: self.brand, program: program) {
                    fail("bodies.\(language) has no phrase such as \(self.example(rule.phrases[language] ?? []))")
                }
            }
            for language in received where !listed.contains(language) {
                let text = rendered[language] ?? ""
                if !listed.contains(where: { rule.contains(text, phrases: rule.phrases[$0] ?? [], brand: self.brand, program: program) }) {
                    fail("bodies.\(language) has no phrase such as \(self.example(rule.phrases.values.flatMap { $0 }))")
                }
            }
        }
        return failures
    }

    /// The first plain phrase, filled in and quoted (`"Rights Alerts"`), or the pattern.
    func example(_ phrases: [String]) -> String {
        let plain = phrases.first(where: { !$0.hasPrefix("re:") }) ?? phrases.first ?? ""
        if plain.hasPrefix("re:") { return "a match of /\(plain.dropFirst(3))/" }
        let filled = plain.replacingOccurrences(of: "{brand}", with: self.brand).replacingOccurrences(of: "{program}", with: self.campaign.programName)
        let others = phrases.count > 1 ? " (or another accepted phrase)" : ""
        return "\"\(filled)\"\(others)"
    }

    static func languageName(_ code: String) -> String {
        switch code {
        case "en": "English"
        case "fr": "French"
        case "zh", "zh-Hant", "zh-HK": "Chinese"
        case "es": "Spanish"
        default: code
        }
    }
}
