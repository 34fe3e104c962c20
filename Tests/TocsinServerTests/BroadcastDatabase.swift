import Foundation
import TocsinCore
import TocsinStore
import TocsinTesting

/// A database file holding the `rights` campaign, `recipients` seeded subscribers and a once alert due
/// now, for the tests that run `tocsin serve` as a process.
enum BroadcastDatabase {
    /// A compliance folder whose only policy has no rules, for tests that send at any hour of the real
    /// clock; returns its path.
    static func permissivePolicies(in directory: String) throws -> String {
        let path = directory + "/compliance"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try "jurisdiction: default\nname: No rules (process tests)\n".write(toFile: path + "/default.yaml", atomically: true, encoding: .utf8)
        return path
    }

    static func seed(_ path: String, recipients: Int) async throws {
        let store = try SQLiteStore(path: path)
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "test", now: Date())
        try await store.seedSubscribers(campaignID: campaign.id, count: recipients, now: Date())
        _ = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "now", bodies: ["en": "Act"], schedule: .once(at: Date()), createdBy: "test", createdAt: Date()),
            now: Date()
        )
    }
}
