import Foundation
import Synchronization
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// The online backup: a consistent copy whose integrity and ledger are checked, never over an existing file.
struct SQLiteStoreBackupTests {
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)
    static let leaver = PhoneNumber(e164: "+12122000007")!

    func directory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-backup-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func seeded(_ path: String) async throws -> SQLiteStore {
        let store = try SQLiteStore(path: path)
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: Self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: 500, now: Self.noon)
        _ = try await store.recordOptOut(
            OptOutRequest(phone: Self.leaver, channel: "phone", reason: "asked by phone", staff: "staff", source: .staff), now: Self.noon
        )
        return store
    }

    @Test func theCopyHasTheSameDataAndItsLedgerVerifies() async throws {
        let directory = try self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await self.seeded(directory + "/live.sqlite")
        let progress = Mutex<[Int]>([])
        let summary = try await store.backup(to: directory + "/copy.sqlite") { done, _ in progress.withLock { $0.append(done) } }
        #expect(summary.ledger.isIntact)
        #expect(summary.ledger.head == (try await store.verifyLedger()).head)
        #expect(summary.bytes > 0)
        #expect(progress.withLock { $0.last } == summary.pages)
        // Opened with the same key, the copy holds the same subscribers and the opt-out.
        let copy = try SQLiteStore(path: directory + "/copy.sqlite", erasureKey: store.erasureKey)
        #expect(try await copy.isSuppressed(Self.leaver))
        #expect(try await copy.supporterCount(campaignID: 1) == (try await store.supporterCount(campaignID: 1)))
    }

    @Test func anExistingFileIsNeverOverwrittenAndAFailedCopyLeavesNothing() async throws {
        let directory = try self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try await self.seeded(directory + "/live.sqlite")
        try "keep me".write(toFile: directory + "/taken.sqlite", atomically: true, encoding: .utf8)
        await #expect(throws: StoreError.self) { try await store.backup(to: directory + "/taken.sqlite") }
        #expect(try String(contentsOfFile: directory + "/taken.sqlite", encoding: .utf8) == "keep me")
        let missing = directory + "/no/such/dir/copy.sqlite"
        await #expect(throws: StoreError.self) { try await store.backup(to: missing) }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }
}
