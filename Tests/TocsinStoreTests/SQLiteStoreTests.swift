import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// A renderer that writes the reply kind and language, so tests can see what was queued.
struct EchoRenderer: ReplyRendering {
    func render(_ kind: MessageKind, language: String, campaignID: Int64?) -> String {
        "\(kind.rawValue)/\(language)/\(campaignID.map(String.init) ?? "-")"
    }
}

/// Helpers shared by the store tests.
struct StoreHarness {
    let store: SQLiteStore
    let rights: Campaign
    let now = Date(timeIntervalSince1970: 1_795_262_400)
    let policy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600)

    init() async throws {
        self.store = try SQLiteStore.inMemory()
        self.rights = try await self.store.upsertCampaign(Fixtures.rights, actor: "test", now: self.now)
    }

    func inbound(_ phone: PhoneNumber, _ id: String, _ intent: Intent, join: Int64? = nil, route: ReplyRoute = .carrier) async throws -> InboundOutcome {
        let message = InboundMessage(carrier: "mock", carrierMessageID: id, from: phone, to: "+14155550100", body: intent.rawValue, receivedAt: self.now)
        let work = InboundWork(
            message: message, classification: Classification(intent: intent, tier: .exact, language: "en", rule: "test"),
            joinCampaignID: join, replyRoute: route
        )
        let results = try await self.store.commitInbound([work], policy: self.policy, renderer: EchoRenderer(), now: self.now)
        return try results[0].get()
    }
}

struct SQLiteStoreTests {
    @Test func fileDatabaseUsesWALWithFullSyncAndCurrentMigrations() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteStore(path: path)
        #expect(try store.synchronousMode() == 2)
        #expect(try store.migrationsAreCurrent())
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func readersKeepASmallerPageCacheThanTheWriter() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".erasure-key"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let writer = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        let reader = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") }
        #expect(writer == SQLiteStore.writerCacheKiB)
        #expect(reader == SQLiteStore.readerCacheKiB)
        #expect(reader != writer)
    }

    @Test func unopenableDatabaseSaysWhichFile() {
        #expect {
            try SQLiteStore(path: "/nonexistent-dir/tocsin.sqlite")
        } throws: { error in
            (error as? StoreError)?.message.contains("/nonexistent-dir/tocsin.sqlite") == true
        }
    }

    @Test func joinWritesSubscriptionLedgerOutboxAndAuditTogether() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(1)
        let outcome = try await harness.inbound(phone, "m1", .join, join: harness.rights.id)
        #expect(outcome.disposition == .joined)
        #expect(outcome.replies.map(\.kind) == [.joinConfirmation])
        #expect(outcome.replies.first?.campaign == "rights")
        #expect(try await harness.store.subscriptionStatus(phone, campaign: "rights") == .active)
        let events = try await harness.store.consentEvents(for: phone)
        #expect(events.map(\.action) == ["opt_in"])
        #expect(events.first?.campaignSlug == "rights")
        #expect(events.first?.rawText == "join")
        #expect(try await harness.store.outbound(to: phone).map(\.status) == ["queued"])
        // campaign.upsert only: the text is recorded by its inbound row and what it changed by its consent event.
        #expect(try await harness.store.rowCount("audit_event") == 1)
    }

    @Test func aCarrierRetryIsProcessedOnce() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(2)
        _ = try await harness.inbound(phone, "same", .join, join: harness.rights.id)
        let retry = try await harness.inbound(phone, "same", .join, join: harness.rights.id)
        #expect(retry.duplicate)
        #expect(retry.replies.isEmpty)
        #expect(try await harness.store.rowCount("inbound_message") == 1)
        #expect(try await harness.store.outbound(to: phone).count == 1)
        #expect(try await harness.store.consentEvents(for: phone).count == 1)
    }

    @Test func optOutSuppressesAndMarksEverySubscription() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(3)
        _ = try await harness.inbound(phone, "m1", .join, join: harness.rights.id)
        let outcome = try await harness.inbound(phone, "m2", .optOut)
        #expect(outcome.disposition == .optedOut)
        #expect(try await harness.store.isSuppressed(phone))
        #expect(try await harness.store.subscriptionStatus(phone, campaign: "rights") == .optedOut)
        let last = try await harness.store.consentEvents(for: phone).last
        #expect(last?.action == "opt_out")
        #expect(last?.scope == "org")
    }

    @Test func inlineRepliesAreRecordedAsSent() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(4)
        _ = try await harness.inbound(phone, "m1", .help, route: .inline)
        let outbound = try await harness.store.outbound(to: phone)
        #expect(outbound.map(\.status) == ["sent"])
        #expect(outbound.first?.carrier == "mock")
    }

    @Test func consentLedgerAndAuditAreAppendOnly() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.inbound(Fixtures.phone(5), "m1", .optOut)
        #expect(throws: (any Error).self) {
            try harness.store.writer.write { db in try db.execute(sql: "UPDATE consent_event SET action = 'opt_in'") }
        }
        #expect(throws: (any Error).self) {
            try harness.store.writer.write { db in try db.execute(sql: "DELETE FROM consent_event") }
        }
        #expect(throws: (any Error).self) {
            try harness.store.writer.write { db in try db.execute(sql: "DELETE FROM audit_event") }
        }
    }
}

struct SQLiteStoreDurabilityTests {
    @Test func normalDurabilityIsAvailableForFasterCommits() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try SQLiteStore(path: path, durability: .normal).synchronousMode() == 1)
    }
}
