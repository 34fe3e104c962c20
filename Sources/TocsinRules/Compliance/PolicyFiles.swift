import Foundation
import TocsinCore

/// Loads and checks the `Compliance/` policy files (one YAML file per jurisdiction).
///
/// ```swift
/// let policies = try PolicyFiles.load(directory: "Compliance")   // throws PolicyFileError naming file and key
/// let report = PolicyFiles.check(directory: "Compliance")        // for `tocsin compliance check`
/// ```
public enum PolicyFiles {
    /// What `check` found: a one-line summary per file that loaded, and every problem.
    public struct Report: Sendable {
        public var summaries: [String]
        public var issues: [PolicyFileIssue]
        public var policies: PolicySet?
    }

    /// Loads every `*.yaml` of `directory` into a resolved ``PolicySet``.
    public static func load(directory: String) throws(PolicyFileError) -> PolicySet {
        let report = Self.check(directory: directory)
        guard report.issues.isEmpty, let policies = report.policies else { throw PolicyFileError(issues: report.issues) }
        return policies
    }

    /// Parses and cross-checks every file; never throws.
    public static func check(directory: String) -> Report {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            return Report(summaries: [], issues: [PolicyFileIssue(file: directory, key: "", line: nil, message: "cannot read the compliance directory (paths.compliance): \(error.localizedDescription)")], policies: nil)
        }
        var issues: [PolicyFileIssue] = []
        var policies: [(file: String, policy: JurisdictionPolicy)] = []
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let key = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
            guard let data = FileManager.default.contents(atPath: path), let yaml = String(data: data, encoding: .utf8) else {
                issues.append(PolicyFileIssue(file: path, key: "", line: nil, message: "cannot read the file as UTF-8"))
                continue
            }
            var parser = PolicyFileParser(file: path, expectedKey: key)
            let policy = parser.parse(yaml)
            issues += parser.issues
            if let policy, parser.issues.isEmpty { policies.append((path, policy)) }
        }
        if names.isEmpty {
            issues.append(PolicyFileIssue(file: directory, key: "", line: nil, message: "no .yaml policy files; add default.yaml at least"))
        }
        guard issues.isEmpty else { return Report(summaries: [], issues: issues, policies: nil) }
        let set: PolicySet
        do { set = try PolicySet(policies.map(\.policy)) } catch {
            return Report(summaries: [], issues: [PolicyFileIssue(file: directory, key: "", line: nil, message: error.message)], policies: nil)
        }
        issues += Self.crossCheck(set, files: Dictionary(uniqueKeysWithValues: policies.map { ($0.policy.key, $0.file) }))
        let summaries = policies.map { Self.summary(file: $0.file, set.effective[$0.policy.key] ?? $0.policy, written: $0.policy) }
        return Report(summaries: summaries, issues: issues, policies: issues.isEmpty ? set : nil)
    }

    /// Checks that need every file: calendars named by overlays exist after merging, and the default
    /// includes every top-level policy (so it is the strictest combination).
    static func crossCheck(_ set: PolicySet, files: [String: String]) -> [PolicyFileIssue] {
        var issues: [PolicyFileIssue] = []
        for (key, policy) in set.effective.sorted(by: { $0.key < $1.key }) {
            let file = files[key] ?? key
            for rule in policy.windows {
                if let name = rule.closedOn, name != "all", policy.calendars[name] == nil {
                    issues.append(PolicyFileIssue(file: file, key: "quiet_hours.\(rule.citation.id).closed_on_holidays", line: nil, message: "calendar '\(name)' is not defined here or in a parent"))
                }
            }
            for rule in policy.deadlines {
                if case .businessDays(_, let name) = rule.limit, policy.calendars[name] == nil {
                    issues.append(PolicyFileIssue(file: file, key: "opt_out_deadline.calendar", line: nil, message: "calendar '\(name)' is not defined here or in a parent"))
                }
            }
        }
        let topLevel = set.files.values.filter { $0.parent == nil && $0.key != Jurisdiction.defaultKey }.map(\.key).sorted()
        let included = Set(set.files[Jurisdiction.defaultKey]?.includes ?? [])
        let missing = topLevel.filter { !included.contains($0) }
        if !missing.isEmpty {
            issues.append(PolicyFileIssue(
                file: files[Jurisdiction.defaultKey] ?? "default.yaml", key: "includes", line: nil,
                message: "must list every top-level policy so the default is the strictest combination; add \(missing.joined(separator: ", "))"
            ))
        }
        return issues
    }

    /// `us-fl.yaml: us-fl (Florida) over us, applies to US-FL: 3 quiet-hours, 3 caps, 4 content, 2 consent, 3 retention rules; opt-out within 10 business days (us-federal)`.
    static func summary(file: String, _ policy: JurisdictionPolicy, written: JurisdictionPolicy) -> String {
        let name = (file as NSString).lastPathComponent
        let over = written.parent.map { " over \($0)" } ?? (written.includes.isEmpty ? "" : " including \(written.includes.joined(separator: ", "))")
        let places = written.appliesTo.isEmpty ? "numbers of unknown jurisdiction" : written.appliesTo.joined(separator: ", ")
        let deadline = policy.optOutDeadline(receivedAt: Date(timeIntervalSince1970: 0)).rule
        let limit = policy.deadlines.first(where: { $0.citation == deadline }).map { rule -> String in
            switch rule.limit {
            case .businessDays(let days, let calendar): "\(days) business days (\(calendar))"
            case .hours(let hours): "\(hours) hours"
            }
        } ?? "10 business days"
        return "\(name): \(policy.key) (\(policy.name))\(over), applies to \(places): \(policy.windows.count) quiet-hours, "
            + "\(policy.caps.count) cap, \(policy.content.count) content, \(policy.consent.count) consent, "
            + "\(policy.retention.count) retention rules; opt-out within \(limit)"
    }
}
