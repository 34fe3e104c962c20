import Foundation
import Testing
import TocsinCore
import TocsinRules

/// Loading and checking `Compliance/`: the repository's files load; broken files are reported with file,
/// key and line.
struct PolicyFilesTests {
    @Test func theRepositoryPoliciesLoadWithASummaryPerFile() {
        let report = PolicyFiles.check(directory: TestPaths.compliance)
        #expect(report.issues.isEmpty, "\(report.issues)")
        #expect(report.summaries.count == 9)
        let florida = report.summaries.first { $0.hasPrefix("us-fl.yaml:") } ?? ""
        #expect(florida.contains("us-fl (Florida) over us, applies to US-FL"))
        #expect(florida.contains("opt-out within 10 business days (us-federal)"))
        #expect(report.summaries.contains { $0.hasPrefix("default.yaml: default") && $0.contains("including us, ca, hk, uk") })
    }

    @Test func everyRuleCitesASource() {
        for policy in SharedPolicies.set.files.values {
            let citations = policy.windows.map(\.citation) + policy.caps.map(\.citation) + policy.deadlines.map(\.citation)
                + policy.content.map(\.citation) + policy.consent.map(\.citation) + policy.retention.map(\.citation)
            for citation in citations { #expect(citation.source.count > 8, "\(policy.key) \(citation.id)") }
        }
        #expect(SharedPolicies.set.policy(for: "hk").calendars["hk-general"]?.dates.count == 34)
        #expect(SharedPolicies.set.policy(for: "us").calendars["us-federal"]?.dates.contains("2027-12-31") == true)
    }

    static let minimalDefault = """
        jurisdiction: default
        name: Default
        """

    struct Broken: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let files: [String: String]
        /// `file:line: key: message` fragments the first issue must contain.
        let mentions: [String]
    }

    static let broken: [Broken] = [
        Broken(testDescription: "a rule without source", files: [
            "default.yaml": minimalDefault + "\nquiet_hours:\n  - id: w\n    weekday: \"09:00-20:00\"\n    weekend: none\n",
        ], mentions: ["default.yaml:4", "quiet_hours[0].source", "every rule cites its source"]),
        Broken(testDescription: "a bad window", files: [
            "default.yaml": minimalDefault + "\nquiet_hours:\n  - id: w\n    weekday: \"9 to 5\"\n    weekend: none\n    source: x\n",
        ], mentions: ["default.yaml:5", "quiet_hours[0].weekday", "08:00-21:00"]),
        Broken(testDescription: "an unknown key", files: [
            "default.yaml": minimalDefault + "\nquiet_hourz: []\n",
        ], mentions: ["default.yaml:3", "quiet_hourz", "unknown key"]),
        Broken(testDescription: "a file named differently from its key", files: [
            "default.yaml": minimalDefault, "us.yaml": "jurisdiction: usa\nname: US\n",
        ], mentions: ["us.yaml:1", "jurisdiction", "us.yaml: make them match"]),
        Broken(testDescription: "no default", files: ["us.yaml": "jurisdiction: us\nname: US\n"], mentions: ["no default policy"]),
        Broken(testDescription: "an unknown parent", files: [
            "default.yaml": minimalDefault, "us-fl.yaml": "jurisdiction: us-fl\nname: Florida\nparent: us\n",
        ], mentions: ["refers to 'us'", "us.yaml"]),
        Broken(testDescription: "an undefined calendar", files: [
            "default.yaml": minimalDefault + "\nopt_out_deadline:\n  id: d\n  business_days: 10\n  calendar: nowhere\n  source: x\n",
        ], mentions: ["opt_out_deadline.calendar", "'nowhere' is not defined"]),
        Broken(testDescription: "a default that leaves a policy out", files: [
            "default.yaml": minimalDefault, "hk.yaml": "jurisdiction: hk\nname: HK\napplies_to: [HK]\n",
        ], mentions: ["default.yaml", "includes", "add hk"]),
        Broken(testDescription: "an unknown purpose", files: [
            "default.yaml": minimalDefault + "\nfrequency_caps:\n  - id: c\n    purposes: [sales]\n    max: 3\n    per_hours: 24\n    source: x\n",
        ], mentions: ["frequency_caps[0].purposes", "'sales' is not a purpose"]),
        Broken(testDescription: "a bad holiday date", files: [
            "default.yaml": minimalDefault + "\ncalendars:\n  x:\n    time_zone: UTC\n    source: s\n    dates:\n      2026-02-30: nope\n",
        ], mentions: ["default.yaml:8", "calendars.x.dates", "2026-02-30"]),
        Broken(testDescription: "YAML syntax", files: ["default.yaml": "jurisdiction: [default\n"], mentions: ["default.yaml", "YAML syntax error"]),
    ]

    @Test(arguments: broken)
    func brokenFilesAreReportedWithFileKeyAndLine(_ testCase: Broken) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-policies-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, content) in testCase.files {
            try content.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let report = PolicyFiles.check(directory: directory.path)
        let first = try #require(report.issues.first, "expected a problem")
        for fragment in testCase.mentions { #expect(first.description.contains(fragment), "\(first)") }
        #expect(throws: PolicyFileError.self) { try PolicyFiles.load(directory: directory.path) }
    }

    @Test func aMissingDirectoryIsReported() {
        let report = PolicyFiles.check(directory: "/nonexistent/compliance")
        #expect(report.issues.first?.message.contains("cannot read the compliance directory") == true)
    }
}
