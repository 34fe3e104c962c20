import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreDispatchTests {
    /// Monday 2026-11-23 12:00 in New York.
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)

    /// Three seeded subscribers with one alert fanned out to them.
    func setup(bodies: [String: String] = ["en": "Hi {first_name}", "fr": "Salut {first_name}"]) async throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: Self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: 3, now: Self.noon)
        let alert = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "A", bodies: bodies, schedule: .once(at: Self.noon), createdBy: "t", createdAt: Self.noon),
            now: Self.noon
        )
        try await store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: Self.noon)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 100, now: Self.noon).done {}
        }
        return store
    }

    @Test func eachRowGetsTheGateOutcomeAndItsReason() async throws {
        let store = try await self.setup()
        try await store.writer.write { db in
            // Row 1: the subscription lapsed; row 2: a text waits for review; row 3: French with a name.
            try db.execute(sql: "UPDATE subscription SET status = 'opted_out' WHERE subscriber_id = 1")
            try db.execute(sql: "INSERT INTO inbound_message (id, carrier, carrier_message_id, from_phone, to_number, body, received_at, processed_at, intent, tier, disposition) VALUES (1, 'mock', 'm1', '+12122000001', 'x', 'STOP police', 0, 0, 'review', 'ambiguous', 'review')")
            try db.execute(sql: "INSERT INTO review_item (phone, inbound_message_id, status, created_at, deadline_at) VALUES ('+12122000001', 1, 'pending', 0, 0)")
            try db.execute(sql: "UPDATE subscriber SET first_name = 'Ana', language = 'fr' WHERE id = 3")
            try db.execute(sql: "UPDATE outbound_message SET language = NULL WHERE phone = '+12122000002'")
        }
        let claimed = try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(claimed.map(\.sms.body) == ["Salut Ana\nRépondez ARRET pour annuler."])
        #expect(claimed.first?.attempts == 1)
        let records = try await store.bulkRecords()
        #expect(records.map(\.status) == ["cancelled", "deferred", "sending"])
        #expect(records[0].reason?.hasPrefix("no active subscription") == true)
        #expect(records[1].reason == "a possible opt-out is waiting for review")
        #expect(records[1].sendAfter == Self.noon.addingTimeInterval(15 * 60))
        // A second claim finds nothing due.
        #expect(try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon).isEmpty)
    }

    @Test func aMissingLanguageFallsBackToTheCampaignsFirst() async throws {
        let store = try await self.setup(bodies: ["en": "Act {first_name|friend}"])
        try await store.writer.write { db in try db.execute(sql: "UPDATE outbound_message SET language = 'zh'") }
        let claimed = try await store.claimBulk(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(claimed.first?.sms.body.hasPrefix("Act friend\n") == true)
        #expect(claimed.first?.sms.body.hasSuffix("回覆 STOP 取消。") == true)
    }

    @Test func eachRecipientGetsTheirOwnUnsubscribeLink() async throws {
        let store = try await self.setup(bodies: ["en": "No more texts: {unsubscribe_url}"])
        store.configureUnsubscribeLinks(baseURL: "https://t.example.org", validityDays: 90)
        let claimed = try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(claimed.count == 3)
        let links = try #require(store.links)
        for message in claimed {
            let line = try #require(message.sms.body.split(separator: "\n").first)
            #expect(line.hasPrefix("No more texts: https://t.example.org/u/"))
            let token = String(line.dropFirst("No more texts: https://t.example.org/u/".count))
            guard case .valid(let id) = links.check(token, now: Self.noon) else {
                Issue.record("\(token) is not a valid link")
                continue
            }
            #expect(try await store.subscriberPhone(id: id) == message.sms.to)
        }
    }

    /// Queues a second alert message to the first seeded number (same campaign and alert).
    /// The store of ``setup(bodies:)`` with a second message queued to the first number.
    func setupWithSecondMessage() async throws -> SQLiteStore {
        let store = try await self.setup()
        try await self.queueSecondMessage(in: store)
        return store
    }

    /// A gate with a cap of one message per number per 24 hours.
    static let oneADay: SendGate = {
        var gate = SendGate()
        gate.maxPer24Hours = 1
        return gate
    }()

    func queueSecondMessage(in store: SQLiteStore) async throws {
        try await store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO outbound_message (phone, from_number, kind, lane, campaign_id, alert_id, occurrence_id, language, status, send_after, created_at, updated_at)
                SELECT phone, from_number, kind, lane, campaign_id, alert_id, occurrence_id, language, status, send_after, created_at, updated_at
                FROM outbound_message WHERE phone = '+12122000000'
                """)
        }
    }

    /// The recipients' state is read for the whole batch at once, so the claim itself must count what it
    /// decided earlier in the batch: a second message to the same number under a 1-per-day cap waits, and
    /// only the first message carries the opt-out reminder.
    @Test func sendsDecidedEarlierInAClaimCountForLaterMessages() async throws {
        let store = try await self.setupWithSecondMessage()
        let gate = Self.oneADay
        let claimed = try await store.claimBulk(limit: 10, gate: gate, brand: "B", lease: 60, now: Self.noon)
        #expect(claimed.count == 3)
        #expect(claimed.filter { $0.sms.to.e164 == "+12122000000" }.count == 1)
        let waiting = try await store.bulkRecords().filter { $0.status == "deferred" }
        #expect(waiting.count == 1)
        #expect(waiting.first?.reason?.contains("frequency cap") == true)

        // Without a cap both go, and only the first carries the reminder.
        let again = try await self.setupWithSecondMessage()
        let both = try await again.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
            .filter { $0.sms.to.e164 == "+12122000000" }
        #expect(both.count == 2)
        #expect(both.filter { $0.sms.body.contains("Reply STOP to opt out.") }.count == 1)
    }

    @Test func aPlanSaysWhetherAReplyIsQueuedEvenWhilePaused() async throws {
        let store = try await self.setup()
        let quiet = try await store.planBulkClaim(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(!quiet.repliesQueued)
        #expect(try await store.takeClaim(quiet).count == 1)
        let help = InboundWork(
            message: InboundMessage(carrier: "mock", carrierMessageID: "h1", from: Fixtures.phone(9), to: "+14155550100", body: "HELP", receivedAt: Self.noon),
            classification: Classification(intent: .help, tier: .exact, language: "en"), joinCampaignID: nil, replyRoute: .carrier
        )
        let policy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600)
        _ = try await store.commitInbound([help], policy: policy, renderer: EchoRenderer(), now: Self.noon)
        let waiting = try await store.planBulkClaim(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(waiting.repliesQueued)
        #expect(try await store.takeClaim(waiting).count == 1)
        // Pausing bulk sending stops the claim, not the replies.
        try await store.setDispatchPaused(true, campaignID: nil, actor: "admin", now: Self.noon)
        let paused = try await store.planBulkClaim(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(paused.repliesQueued)
        #expect(paused.isEmpty)
        #expect(try await store.takeClaim(paused).isEmpty)
    }

    /// The dispatcher plans the next claim before the last one is taken: the second plan must leave the first
    /// one's rows out and count its sends towards the caps.
    @Test func aPlanMadeBeforeTheLastIsTakenLeavesItsRowsOutAndCountsItsSends() async throws {
        let store = try await self.setupWithSecondMessage()
        let gate = Self.oneADay
        let first = try await store.planBulkClaim(limit: 1, gate: gate, brand: "B", lease: 60, now: Self.noon)
        let second = try await store.planBulkClaim(limit: 10, gate: gate, brand: "B", lease: 60, now: Self.noon)
        let firstSent = try await store.takeClaim(first)
        let secondSent = try await store.takeClaim(second)
        #expect(firstSent.map(\.sms.to.e164) == ["+12122000000"])
        // The others go; the second message to the first number waits for the cap.
        #expect(secondSent.map(\.sms.to.e164).sorted() == ["+12122000001", "+12122000002"])
        let waiting = try await store.bulkRecords().filter { $0.status == "deferred" }
        #expect(waiting.count == 1)
        #expect(waiting.first?.reason?.contains("frequency cap") == true)
        // Taken and settled: nothing stays reserved once the next plan starts.
        #expect(try await store.planBulkClaim(limit: 10, gate: gate, brand: "B", lease: 60, now: Self.noon).isEmpty)
        #expect(store.reservations.count == 0)
    }

    @Test func aReleasedPlanIsPlannedAgain() async throws {
        let store = try await self.setup()
        let given = try await store.planBulkClaim(limit: 2, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        store.releaseClaim(given)
        let again = try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        #expect(again.count == 3)
    }

    @Test func outcomesAndTheNextClaimAreWrittenTogether() async throws {
        let store = try await self.setup()
        let first = try await store.claimBulk(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        let planned = try await store.planBulkClaim(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        let outcomes = first.map { DispatchOutcome(id: $0.sms.id, result: .sent(carrier: "mock", carrierMessageID: "M\($0.sms.id)")) }
        let taken = try await store.recordThenTake(outcomes, planned, now: Self.noon)
        #expect(taken.error == nil)
        #expect(taken.messages.count == 2)
        #expect(try await store.bulkRecords().map(\.status) == ["sent", "sending", "sending"])
    }

    /// A claim that cannot be taken must not take the outcomes down with it: they are recorded alone, and its
    /// rows are planned again.
    @Test func outcomesAreRecordedEvenWhenTheNextClaimCannotBeTaken() async throws {
        let store = try await self.setup()
        let first = try await store.claimBulk(limit: 1, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        let planned = try await store.planBulkClaim(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon)
        try await store.writer.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER no_lease BEFORE INSERT ON dispatch_lease BEGIN SELECT RAISE(ABORT, 'disk trouble'); END")
        }
        let outcomes = first.map { DispatchOutcome(id: $0.sms.id, result: .sent(carrier: "mock", carrierMessageID: "M1")) }
        let taken = try await store.recordThenTake(outcomes, planned, now: Self.noon)
        #expect(taken.messages.isEmpty)
        #expect("\(try #require(taken.error))".contains("disk trouble"))
        #expect(try await store.bulkRecords().map(\.status) == ["sent", "queued", "queued"])
        try await store.writer.write { db in try db.execute(sql: "DROP TRIGGER no_lease") }
        #expect(try await store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: Self.noon).count == 2)
    }

    @Test func pauseSurvivesReopeningTheDatabase() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-pause-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let store = try SQLiteStore(path: path)
            try await store.setDispatchPaused(true, campaignID: nil, actor: "admin", now: Self.noon)
            try await store.setDispatchPaused(true, campaignID: 7, actor: "cam", now: Self.noon)
        }
        let reopened = try await SQLiteStore(path: path).dispatchPauses()
        #expect(reopened.global)
        #expect(reopened.campaigns == [7])
    }
}
