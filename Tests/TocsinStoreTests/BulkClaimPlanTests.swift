import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// The SQLite claim's two halves: a plan made on a snapshot, and its application, which re-checks every row
/// (anything may have changed between the two), and the leases it leaves until the outcomes are recorded.
struct BulkClaimPlanTests {
    static let noon = SQLiteStoreDispatchTests.noon

    func setup() async throws -> SQLiteStore {
        try await SQLiteStoreDispatchTests().setup(bodies: ["en": "Hi {first_name|friend}"])
    }

    /// A plan for every due row, made as `claimBulk` makes it.
    func plan(_ store: SQLiteStore, limit: Int = 10) async throws -> BulkClaimPlan {
        try await store.writer.read { db in
            var claim = BulkClaim(db: db, gate: SendGate(), brand: "B", now: Self.noon, lease: 60)
            return try claim.plan(try claim.due(limit: limit).order)
        }
    }

    func count(_ store: SQLiteStore, _ sql: String) async throws -> Int {
        try await store.writer.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test func aClaimLeasesWithoutTouchingTheRowsAndReportsThemSending() async throws {
        let store = try await self.setup()
        let claimed = try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(claimed.count == 3)
        // The rows still say queued; each has a lease with the rendered body and the attempt count.
        #expect(try await self.count(store, "SELECT COUNT(*) FROM outbound_message WHERE status = 'queued' AND body IS NULL") == 3)
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease WHERE attempts = 1 AND body LIKE 'Hi friend%'") == 3)
        let leaseEnd = Self.noon.addingTimeInterval(60).millisecondsSince1970
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease WHERE lease_until = \(leaseEnd)") == 3)
        // Readers see them sending, with the claim's body.
        #expect(try await store.outboundStatusCounts(lane: "bulk") == ["sending": 3])
        #expect(try await store.bulkRecords().allSatisfy { $0.status == "sending" && $0.body?.hasPrefix("Hi friend") == true && $0.attempts == 1 })
        let depth = try await store.operationsSnapshot(now: Self.noon).queueDepth
        #expect(depth[.init(lane: "bulk", status: "sending")] == 3 && depth[.init(lane: "bulk", status: "queued")] == 0)
        // Leased rows are not claimed again.
        #expect(try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon).isEmpty)
    }

    @Test func recordingMovesTheLeaseIntoTheRowAndEndsIt() async throws {
        let store = try await self.setup()
        let claimed = try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        let error = CarrierError(.unavailable, message: "down")
        try await store.recordOutcomes(
            [
                DispatchOutcome(id: claimed[0].sms.id, result: .sent(carrier: "mock", carrierMessageID: "M1")),
                DispatchOutcome(id: claimed[1].sms.id, result: .retry(at: Self.noon.addingTimeInterval(30), carrier: "mock", error: error)),
                DispatchOutcome(id: claimed[2].sms.id, result: .closed(.suppressed, reason: "opted out")),
            ],
            now: Self.noon
        )
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease") == 0)
        let records = try await store.bulkRecords()
        #expect(records.map(\.status) == ["sent", "queued", "suppressed"])
        // Every row keeps the body and attempt count its claim decided; a retry sends that same body again.
        #expect(records.allSatisfy { $0.body?.hasPrefix("Hi friend") == true && $0.attempts == 1 })
        #expect(records[0].reason == nil && records[1].reason?.hasPrefix("retry:") == true)
    }

    @Test(arguments: [CrashPolicy.atMostOnce, .atLeastOnce])
    func recoveryTakesTheLeasesLeftByACrash(policy: CrashPolicy) async throws {
        let store = try await self.setup()
        let claimed = try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        try await store.recordOutcomes([DispatchOutcome(id: claimed[0].sms.id, result: .sent(carrier: "mock", carrierMessageID: "M1"))], now: Self.noon)
        #expect(try await store.recoverInFlight(policy: policy, now: Self.noon.addingTimeInterval(5)) == 2)
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease") == 0)
        let records = try await store.bulkRecords()
        #expect(records.map(\.status) == (policy == .atMostOnce ? ["sent", "failed", "failed"] : ["sent", "queued", "queued"]))
        #expect(records.map(\.inDoubt) == [false, policy == .atMostOnce, policy == .atMostOnce])
        // The rows keep what may have gone out: the body the claim rendered and its attempt.
        #expect(records.allSatisfy { $0.body?.hasPrefix("Hi friend") == true && $0.attempts == 1 })
        #expect(try await store.recoverInFlight(policy: policy, now: Self.noon.addingTimeInterval(6)) == 0)
    }

    @Test func aRowChangedAfterThePlanIsNotLeased() async throws {
        let store = try await self.setup()
        let plan = try await self.plan(store)
        #expect(plan.leases.count == 3)
        // Between the snapshot and the write: one row is cancelled, one is leased by another claim.
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE outbound_message SET status = 'cancelled' WHERE id = ?", arguments: [plan.leases[0].message.sms.id])
            try db.execute(
                sql: "INSERT INTO dispatch_lease (message_id, leased_at, lease_until, attempts, body) VALUES (?, 0, 0, 1, 'other')",
                arguments: [plan.leases[1].message.sms.id]
            )
        }
        let leased = try await store.writer.write { db in try plan.apply(db) }
        #expect(leased.map(\.sms.id) == [plan.leases[2].message.sms.id])
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease WHERE body = 'other'") == 1)
        #expect(try await self.count(store, "SELECT COUNT(*) FROM outbound_message WHERE status = 'cancelled'") == 1)
    }

    @Test func aPauseAfterThePlanStopsItsLeases() async throws {
        let store = try await self.setup()
        let plan = try await self.plan(store)
        try await store.setDispatchPaused(true, campaignID: nil, actor: "t", now: Self.noon)
        #expect(try await store.writer.write { db in try plan.apply(db) }.isEmpty)
        try await store.setDispatchPaused(false, campaignID: nil, actor: "t", now: Self.noon)
        try await store.setDispatchPaused(true, campaignID: plan.leases[0].campaignID, actor: "t", now: Self.noon)
        #expect(try await store.writer.write { db in try plan.apply(db) }.isEmpty)
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease") == 0)
    }

    @Test func closesAndDeferralsApplyOnlyToRowsStillDue() async throws {
        let store = try await self.setup()
        let ids = try await store.writer.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM outbound_message ORDER BY id") }
        var draft = BulkClaimPlan(nowMS: Self.noon.millisecondsSince1970, leaseMS: 60_000)
        draft.closes = [(ids[0], "suppressed", "opted out"), (ids[1], "expired", "late")]
        draft.defers = [(ids[2], Self.noon.addingTimeInterval(600).millisecondsSince1970, "quiet hours")]
        let plan = draft
        try await store.writer.write { db in
            try db.execute(sql: "UPDATE outbound_message SET status = 'cancelled' WHERE id = ?", arguments: [ids[1]])
            try db.execute(sql: "INSERT INTO dispatch_lease (message_id, leased_at, lease_until, attempts, body) VALUES (?, 0, 0, 1, 'x')", arguments: [ids[2]])
        }
        #expect(try await store.writer.write { db in try plan.apply(db) }.isEmpty)
        let statuses = try await store.writer.read { db in try String.fetchAll(db, sql: "SELECT status FROM outbound_message ORDER BY id") }
        #expect(statuses == ["suppressed", "cancelled", "queued"])
    }

    @Test func aPlanIsCutIntoPartsInPlanOrder() throws {
        var plan = BulkClaimPlan(nowMS: 1, leaseMS: 60_000)
        plan.closes = [(1, "suppressed", "opted out")]
        plan.defers = [(2, 5, "quiet hours")]
        plan.leases = (3...5).map { id in
            BulkClaimPlan.Lease(
                message: ClaimedMessage(sms: OutboundSMS(id: id, to: Fixtures.phone(Int(id)), from: "+14155550100", body: "b", kind: .alert, campaign: "rights"), attempts: 1, expiresAt: nil),
                campaignID: 1, remindedSubscriber: nil
            )
        }
        let parts = plan.parts(of: 2)
        #expect(parts.count == 3)
        #expect(parts[0].closes.map(\.id) == [1] && parts[0].defers.map(\.id) == [2] && parts[0].leases.isEmpty)
        #expect(parts[1].leases.map(\.message.sms.id) == [3, 4])
        #expect(parts[2].leases.map(\.message.sms.id) == [5])
        #expect(parts.allSatisfy { $0.nowMS == 1 && $0.leaseMS == 60_000 })
        #expect(BulkClaimPlan(nowMS: 1, leaseMS: 1).parts(of: 2).isEmpty)
    }

    @Test func aBatchLargerThanOneWriteIsClaimedAndRecordedWhole() async throws {
        let store = try SQLiteStore.inMemory()
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: Self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: 253, now: Self.noon)
        let alert = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "B", bodies: ["en": "Hi"], schedule: .once(at: Self.noon), createdBy: "t", createdAt: Self.noon),
            now: Self.noon
        )
        try await store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: Self.noon)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 500, now: Self.noon).done {}
        }
        // 253 rows: one claim takes 250 of them in three write transactions.
        let claimed = try await store.claimBulk(limit: 250, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(claimed.count == 250)
        #expect(Set(claimed.map(\.sms.id)).count == 250)
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease") == 250)
        try await store.recordOutcomes(
            claimed.map { DispatchOutcome(id: $0.sms.id, result: .sent(carrier: "mock", carrierMessageID: "M\($0.sms.id)")) }, now: Self.noon
        )
        #expect(try await self.count(store, "SELECT COUNT(*) FROM dispatch_lease") == 0)
        #expect(try await store.outboundStatusCounts(lane: "bulk") == ["sent": 250, "queued": 3])
    }

    @Test func theLeaseStatementsCoverEveryChunkSize() {
        #expect(BulkClaimPlan.leaseSQL.count == 101)
        #expect(BulkClaimPlan.leaseSQL[100].components(separatedBy: "?").count - 1 == 2 + 300)
        #expect(BulkClaimPlan.leaseSQL[1].contains("(?3, ?4, ?5)"))
    }
}
