import Foundation
import Testing
import TocsinStore
import TocsinTesting

/// `tocsin backup`, run as a process against the built CLI.
struct BackupCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try CLIProcess.run(arguments)
    }

    @Test func copiesTheDatabaseAndItsKeyAndNeverOverwrites() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-cli-backup-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let live = directory + "/live.sqlite"
        do {
            let store = try SQLiteStore(path: live)
            _ = try await store.upsertCampaign(Fixtures.rights, actor: "test", now: Date(timeIntervalSince1970: 1_795_453_200))
        }
        let copy = directory + "/copy.sqlite"
        let result = try self.run(["backup", "--db", live, copy])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("backup written: \(copy)"))
        #expect(result.out.contains("integrity ok, 1 ledger entries verified"))
        let key = try #require(FileManager.default.contents(atPath: copy + ".erasure-key"))
        #expect(key == FileManager.default.contents(atPath: live + ".erasure-key"))
        let mode = try FileManager.default.attributesOfItem(atPath: copy + ".erasure-key")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        // The copy verifies on its own with the copied key, as after a restore.
        let verify = try self.run(["audit", "verify", "--db", copy])
        #expect(verify.status == 0, "\(verify.err)")
        #expect(verify.out.contains("ledger intact: 1 entries"))

        let again = try self.run(["backup", "--db", live, copy])
        #expect(again.status == 1)
        #expect(again.err.contains("already exists"), "\(again.err)")
    }
}
