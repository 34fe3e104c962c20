import Foundation
import TocsinCore
import Yams

/// Parses one `Compliance/*.yaml` file into a ``JurisdictionPolicy``, collecting every problem with its key
/// and line. The schema is documented in `Compliance/README.md`.
struct PolicyFileParser {
    var reader: PolicyNodeReader
    /// The key the file name promises (`us-fl` for `us-fl.yaml`).
    let expectedKey: String

    static let sections = [
        "jurisdiction", "name", "parent", "includes", "applies_to", "calendars", "quiet_hours", "frequency_caps",
        "opt_out_deadline", "required_content", "consent", "retention",
    ]

    init(file: String, expectedKey: String) {
        self.reader = PolicyNodeReader(file: file)
        self.expectedKey = expectedKey
    }

    var issues: [PolicyFileIssue] { self.reader.issues }

    mutating func parse(_ yaml: String) -> JurisdictionPolicy? {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            let (line, message) = KeywordFileParser.describe(error)
            self.reader.append(PolicyFileIssue(file: self.reader.file, key: "", line: line, message: "YAML syntax error: \(message)"))
            return nil
        }
        guard let root else {
            self.reader.report(nil, "", "the file is empty; it needs at least jurisdiction and name")
            return nil
        }
        guard let top = self.reader.mapping(root, "", allowed: Self.sections, required: ["jurisdiction", "name"]) else { return nil }
        let key = self.reader.string(top["jurisdiction"], "jurisdiction") ?? self.expectedKey
        if key != self.expectedKey {
            self.reader.report(top["jurisdiction"], "jurisdiction", "is '\(key)' but the file is \(self.expectedKey).yaml: make them match")
        }
        var policy = JurisdictionPolicy(key: key, name: self.reader.string(top["name"], "name") ?? key)
        policy.parent = self.reader.string(top["parent"], "parent")
        policy.includes = self.reader.strings(top["includes"], "includes") ?? []
        policy.appliesTo = self.reader.strings(top["applies_to"], "applies_to") ?? []
        for place in policy.appliesTo where !Self.isPlace(place) {
            self.reader.report(top["applies_to"], "applies_to", "'\(place)' must be an ISO region (US) or subdivision (US-FL)")
        }
        policy.calendars = self.calendars(top["calendars"])
        policy.windows = self.reader.sequence(top["quiet_hours"], "quiet_hours").enumerated().compactMap { self.window($1, "quiet_hours[\($0)]") }
        policy.caps = self.reader.sequence(top["frequency_caps"], "frequency_caps").enumerated().compactMap { self.cap($1, "frequency_caps[\($0)]") }
        if let node = top["opt_out_deadline"], let deadline = self.deadline(node, "opt_out_deadline") { policy.deadlines = [deadline] }
        policy.content = self.reader.sequence(top["required_content"], "required_content").enumerated().compactMap {
            self.content($1, "required_content[\($0)]")
        }
        policy.consent = self.reader.sequence(top["consent"], "consent").enumerated().compactMap { self.consent($1, "consent[\($0)]") }
        policy.retention = self.reader.sequence(top["retention"], "retention").enumerated().compactMap { self.retention($1, "retention[\($0)]") }
        self.checkReferences(policy, top: top)
        self.checkUniqueIDs(policy, root: root)
        return policy
    }

    static func isPlace(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard let region = parts.first, region.count == 2, region.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
        return parts.count == 1 || (parts.count == 2 && (1...3).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber) })
    }

    mutating func calendars(_ node: Node?) -> [String: HolidayCalendar] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            self.reader.report(node, "calendars", "must map a calendar name to time_zone, source and dates")
            return [:]
        }
        var result: [String: HolidayCalendar] = [:]
        for (nameNode, value) in mapping {
            guard let name = nameNode.scalar?.string else { continue }
            let key = "calendars.\(name)"
            guard let fields = self.reader.mapping(value, key, allowed: ["time_zone", "source", "dates"], required: ["time_zone", "source", "dates"]) else { continue }
            let zoneName = self.reader.string(fields["time_zone"], "\(key).time_zone")
            let zone = zoneName.flatMap { TimeZone(identifier: $0) }
            if let zoneName, zone == nil { self.reader.report(fields["time_zone"], "\(key).time_zone", "'\(zoneName)' is not an IANA time zone") }
            let source = self.reader.string(fields["source"], "\(key).source")
            var dates = Set<String>()
            if let datesNode = fields["dates"] {
                guard let entries = datesNode.mapping else {
                    self.reader.report(datesNode, "\(key).dates", "must map each date (2026-12-25) to the holiday's name")
                    continue
                }
                for (dateNode, _) in entries {
                    guard let text = dateNode.scalar?.string, Self.isISODate(text) else {
                        self.reader.report(dateNode, "\(key).dates", "'\(dateNode.scalar?.string ?? "?")' must be a date like 2026-12-25")
                        continue
                    }
                    dates.insert(text)
                }
            }
            if let zone, let source { result[name] = HolidayCalendar(name: name, zone: zone, dates: dates, source: source) }
        }
        return result
    }

    static func isISODate(_ text: String) -> Bool {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else { return false }
        return formatter.string(from: date) == text
    }
}
