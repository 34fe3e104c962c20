import Foundation
import TocsinCore
import Yams

extension PolicyFileParser {
    static let ruleKeys = ["id", "source", "basis", "purposes", "channels"]

    mutating func window(_ node: Node, _ key: String) -> SendWindowRule? {
        guard let fields = self.reader.mapping(node, key, allowed: Self.ruleKeys + ["weekday", "weekend", "closed_on_holidays"], required: ["weekday", "weekend"]),
            let citation = self.reader.citation(fields, key, node: node)
        else { return nil }
        let scope = self.reader.scope(fields, key)
        guard let weekday = self.reader.window(fields["weekday"], "\(key).weekday"),
            let weekend = self.reader.window(fields["weekend"], "\(key).weekend")
        else { return nil }
        let closedOn = self.reader.string(fields["closed_on_holidays"], "\(key).closed_on_holidays")
        return SendWindowRule(citation: citation, scope: scope, weekday: weekday, weekend: weekend, closedOn: closedOn)
    }

    mutating func cap(_ node: Node, _ key: String) -> FrequencyCapRule? {
        guard let fields = self.reader.mapping(node, key, allowed: Self.ruleKeys + ["max", "per_hours", "per_days"], required: ["max"]),
            let citation = self.reader.citation(fields, key, node: node)
        else { return nil }
        let scope = self.reader.scope(fields, key)
        let max = self.reader.int(fields["max"], "\(key).max", range: 1...10_000)
        let hours = self.reader.int(fields["per_hours"], "\(key).per_hours", range: 1...8760)
        let days = self.reader.int(fields["per_days"], "\(key).per_days", range: 1...365)
        if (fields["per_hours"] == nil) == (fields["per_days"] == nil) {
            self.reader.report(node, key, "needs one of per_hours or per_days (not both)")
            return nil
        }
        guard let max, let period = hours.map({ Double($0) * 3600 }) ?? days.map({ Double($0) * 86_400 }) else { return nil }
        return FrequencyCapRule(citation: citation, scope: scope, max: max, period: period)
    }

    mutating func deadline(_ node: Node, _ key: String) -> OptOutDeadlineRule? {
        guard let fields = self.reader.mapping(node, key, allowed: ["id", "source", "basis", "business_days", "working_days", "hours", "calendar"]),
            let citation = self.reader.citation(fields, key, node: node)
        else { return nil }
        let given = ["business_days", "working_days", "hours"].filter { fields[$0] != nil }
        guard given.count == 1, let unit = given.first else {
            self.reader.report(node, key, "needs exactly one of business_days, working_days or hours")
            return nil
        }
        if unit == "hours" {
            guard let hours = self.reader.int(fields["hours"], "\(key).hours", range: 1...720) else { return nil }
            return OptOutDeadlineRule(citation: citation, limit: .hours(hours))
        }
        guard let days = self.reader.int(fields[unit], "\(key).\(unit)", range: 1...30) else { return nil }
        guard let calendar = self.reader.string(fields["calendar"], "\(key).calendar") else {
            self.reader.report(node, "\(key).calendar", "is required with \(unit): name the holiday calendar the days are counted on")
            return nil
        }
        return OptOutDeadlineRule(citation: citation, limit: .businessDays(days, calendar: calendar))
    }

    mutating func content(_ node: Node, _ key: String) -> ContentRule? {
        let allowed = Self.ruleKeys + ["when", "coverage", "requirement", "phrases", "within_first"]
        guard let fields = self.reader.mapping(node, key, allowed: allowed, required: ["when", "requirement", "phrases"]),
            let citation = self.reader.citation(fields, key, node: node)
        else { return nil }
        let scope = self.reader.scope(fields, key)
        let whenText = self.reader.string(fields["when"], "\(key).when")
        let when = whenText.flatMap(ContentRule.When.init(rawValue:))
        if whenText != nil, when == nil {
            self.reader.report(fields["when"], "\(key).when", "must be \(ContentRule.When.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let coverageText = fields["coverage"].flatMap { self.reader.string($0, "\(key).coverage") } ?? ContentRule.Coverage.eachBody.rawValue
        let coverage = ContentRule.Coverage(rawValue: coverageText)
        if coverage == nil { self.reader.report(fields["coverage"], "\(key).coverage", "must be each_body or per_language") }
        let requirement = self.reader.string(fields["requirement"], "\(key).requirement")
        var phrases: [String: [String]] = [:]
        if let phraseNode = fields["phrases"] {
            if let mapping = phraseNode.mapping {
                for (languageNode, list) in mapping {
                    guard let language = languageNode.scalar?.string else { continue }
                    let items = self.reader.strings(list, "\(key).phrases.\(language)") ?? []
                    for item in items where item.hasPrefix("re:") && (try? NSRegularExpression(pattern: String(item.dropFirst(3)))) == nil {
                        self.reader.report(list, "\(key).phrases.\(language)", "'\(item)' is not a valid regular expression")
                    }
                    if items.isEmpty { self.reader.report(list, "\(key).phrases.\(language)", "needs at least one phrase") }
                    phrases[language] = items
                }
            } else {
                self.reader.report(phraseNode, "\(key).phrases", "must map a language (en, fr, zh, or any) to a list of phrases")
            }
        }
        if coverage == .perLanguage, phrases["any"] != nil {
            self.reader.report(fields["phrases"], "\(key).phrases", "per_language coverage needs named languages, not any")
        }
        let within = fields["within_first"].flatMap { self.reader.int($0, "\(key).within_first", range: 1...1600) }
        guard let when, let coverage, let requirement, !phrases.isEmpty else { return nil }
        return ContentRule(
            citation: citation, scope: scope, when: when, coverage: coverage, requirement: requirement, phrases: phrases, withinFirst: within
        )
    }

    mutating func consent(_ node: Node, _ key: String) -> ConsentRule? {
        guard let fields = self.reader.mapping(node, key, allowed: Self.ruleKeys + ["standard", "accepted_sources", "note"], required: ["standard"]),
            let citation = self.reader.citation(fields, key, node: node)
        else { return nil }
        let scope = self.reader.scope(fields, key)
        guard let standard = self.reader.string(fields["standard"], "\(key).standard") else { return nil }
        if !["express", "written", "express_or_implied"].contains(standard) {
            self.reader.report(fields["standard"], "\(key).standard", "must be express, written or express_or_implied")
        }
        let sources = self.reader.strings(fields["accepted_sources"], "\(key).accepted_sources") ?? []
        for source in sources where ConsentSource(rawValue: source) == nil {
            self.reader.report(fields["accepted_sources"], "\(key).accepted_sources",
                "'\(source)' is not a consent source (\(ConsentSource.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let note = fields["note"].flatMap { self.reader.string($0, "\(key).note") } ?? ""
        return ConsentRule(citation: citation, scope: scope, standard: standard, acceptedSources: Set(sources), note: note)
    }

    mutating func retention(_ node: Node, _ key: String) -> RetentionRule? {
        guard let fields = self.reader.mapping(node, key, allowed: ["id", "source", "basis", "record", "years", "days"], required: ["record"]),
            let citation = self.reader.citation(fields, key, node: node),
            let record = self.reader.string(fields["record"], "\(key).record")
        else { return nil }
        let years = self.reader.int(fields["years"], "\(key).years", range: 1...100)
        let days = self.reader.int(fields["days"], "\(key).days", range: 1...36_500)
        let total = (years ?? 0) * 365 + (days ?? 0)
        guard total > 0 else {
            self.reader.report(node, key, "needs years and/or days")
            return nil
        }
        return RetentionRule(citation: citation, record: record, days: total)
    }

    /// Calendars named by rules must exist in this file or (for overlays) be inherited: checked by the loader.
    mutating func checkReferences(_ policy: JurisdictionPolicy, top: [String: Node]) {
        guard policy.parent == nil, policy.includes.isEmpty else { return }
        for rule in policy.windows {
            if let name = rule.closedOn, name != "all", policy.calendars[name] == nil {
                self.reader.report(top["quiet_hours"], "quiet_hours.\(rule.citation.id).closed_on_holidays", "calendar '\(name)' is not defined under calendars")
            }
        }
        for rule in policy.deadlines {
            if case .businessDays(_, let name) = rule.limit, policy.calendars[name] == nil {
                self.reader.report(top["opt_out_deadline"], "opt_out_deadline.calendar", "calendar '\(name)' is not defined under calendars")
            }
        }
    }

    mutating func checkUniqueIDs(_ policy: JurisdictionPolicy, root: Node) {
        var seen = Set<String>()
        let ids = policy.windows.map(\.citation.id) + policy.caps.map(\.citation.id) + policy.deadlines.map(\.citation.id)
            + policy.content.map(\.citation.id) + policy.consent.map(\.citation.id) + policy.retention.map(\.citation.id)
        for id in ids where !seen.insert(id).inserted {
            self.reader.report(root, "", "rule id '\(id)' is used twice; ids must be unique")
        }
    }
}
