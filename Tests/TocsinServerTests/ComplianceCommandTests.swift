import Foundation
import Testing
import TocsinTesting

/// `tocsin compliance check` and `where`, run as a process against the built CLI.
struct ComplianceCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try CLIProcess.run(arguments)
    }

    @Test func theRepositoryPoliciesPassWithOneLinePerFile() throws {
        #expect(FileManager.default.isExecutableFile(atPath: CLIProcess.binary), "build the CLI first: swift build --build-tests")
        let result = try self.run(["compliance", "check", Fixtures.complianceDirectory])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 9)
        #expect(lines.contains { $0.hasPrefix("hk.yaml: hk (Hong Kong), applies to HK:") && $0.hasSuffix("opt-out within 10 business days (hk-general)") })
    }

    @Test func aBrokenFileExitsNonZeroNamingFileAndKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-cli-policies-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "jurisdiction: default\nname: D\nfrequency_caps:\n  - id: c\n    max: 0\n    per_hours: 24\n    source: s\n"
            .write(toFile: directory + "/default.yaml", atomically: true, encoding: .utf8)
        let result = try self.run(["compliance", "check", directory])
        #expect(result.status == 1)
        #expect(result.err.contains("default.yaml:5: frequency_caps[0].max: must be a whole number from 1 to 10000"), "\(result.err)")
        #expect(result.out.isEmpty)
    }

    @Test func whereNamesTheJurisdictionWithoutPrintingTheNumber() throws {
        let result = try self.run(["compliance", "where", "--compliance", Fixtures.complianceDirectory, "+13055550123", "+85291234567"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains(#""jurisdiction":"us-fl""#))
        #expect(result.out.contains(#""jurisdiction":"hk""#))
        #expect(result.out.contains(#""deadline_rule":"hk-uemo-unsubscribe-deadline""#))
        #expect(!result.out.contains("3055550123"))
    }
}
