import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreFanoutTests {
    func alert(_ harness: StoreHarness, _ schedule: AlertSchedule) async throws -> Alert {
        try await harness.store.createAlert(
            Alert(campaignID: harness.rights.id, name: "Free Ana", bodies: ["en": "Act: {action_link}"], schedule: schedule, createdBy: "t", createdAt: harness.now),
            now: harness.now
        )
    }

    func fanOutAll(_ harness: StoreHarness, _ occurrence: Int64, batch: Int) async throws -> Int {
        var rows = 0
        while true {
            let step = try await harness.store.fanOut(occurrenceID: occurrence, sender: "+14155550100", batchSize: batch, now: harness.now)
            rows += step.inserted
            if step.done { return rows }
        }
    }

    @Test func anOccurrenceFansOutOnceToActiveUnsuppressedSubscribersOnly() async throws {
        let harness = try await StoreHarness()
        try await harness.store.seedSubscribers(campaignID: harness.rights.id, count: 1000, now: harness.now)
        // One of them opts out, one new number joins and a web opt-in stays pending.
        _ = try await harness.inbound(PhoneNumber(e164: "+12122000005")!, "s", .optOut)
        _ = try await harness.inbound(PhoneNumber(e164: "+13105550123")!, "j", .join, join: harness.rights.id)
        let alert = try await self.alert(harness, .once(at: harness.now))
        let occurrence = try #require(try alert.nextOccurrence(after: nil))
        try await harness.store.materialize(occurrence, of: alert, next: nil, now: harness.now)
        try await harness.store.materialize(occurrence, of: alert, next: nil, now: harness.now)  // idempotent
        let ids = try await harness.store.unfinishedFanouts()
        #expect(ids.count == 1)
        #expect(try await self.fanOutAll(harness, ids[0], batch: 64) == 1000)
        let counts = try await harness.store.occurrenceRowCounts(alertID: alert.id)
        #expect(counts.rows == 1000)
        #expect(counts.distinctPhones == 1000)
        #expect(counts.occurrences == 1)
        // A finished occurrence writes nothing more.
        #expect(try await harness.store.fanOut(occurrenceID: ids[0], sender: "x", batchSize: 64, now: harness.now).inserted == 0)
        #expect(try await harness.store.unfinishedFanouts().isEmpty)
        #expect(try await harness.store.alert(id: alert.id)?.status == .completed)
        let progress = try await harness.store.alertProgress(id: alert.id)
        #expect(progress.counts["queued"] == 1000)
    }

    @Test func recipientLocalRowsGetTheirOwnSendTimes() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.inbound(PhoneNumber(e164: "+12125550100")!, "a", .join, join: harness.rights.id)   // New York
        _ = try await harness.inbound(PhoneNumber(e164: "+14155550111")!, "b", .join, join: harness.rights.id)   // Los Angeles
        let alert = try await self.alert(harness, .recurring(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY"), start: try LocalDateTime(parsing: "2026-12-01T10:00"),
            timeZone: "America/New_York", delivery: .recipientLocal))
        let occurrence = try #require(try alert.nextOccurrence(after: nil))
        try await harness.store.materialize(occurrence, of: alert, next: try alert.nextOccurrence(after: occurrence.scheduledAt), now: harness.now)
        _ = try await self.fanOutAll(harness, try await harness.store.unfinishedFanouts()[0], batch: 10)
        let sendAfter = try await harness.store.writer.read { db in
            try [String: Int64](uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT phone, send_after FROM outbound_message WHERE alert_id = ?", arguments: [alert.id]).map { ($0[0], $0[1]) })
        }
        #expect(sendAfter["+12125550100"] == ISO8601DateFormatter().date(from: "2026-12-01T15:00:00Z")!.millisecondsSince1970)
        #expect(sendAfter["+14155550111"] == ISO8601DateFormatter().date(from: "2026-12-01T18:00:00Z")!.millisecondsSince1970)
        #expect(try await harness.store.alert(id: alert.id)?.status == .active)
    }

    @Test func relativeAlertsFireOncePerSupporterAfterJoining() async throws {
        let harness = try await StoreHarness()
        let alert = try await self.alert(harness, .relative(RelativeSchedule(offsetDays: 3)))
        _ = try await harness.inbound(Fixtures.phone(20), "j", .join, join: harness.rights.id)
        #expect(try await harness.store.materializeRelative(alert, sender: "+1", now: harness.now, limit: 100) == 0)
        let later = harness.now.addingTimeInterval(3 * 86_400)
        #expect(try await harness.store.materializeRelative(alert, sender: "+1", now: later, limit: 100) == 1)
        #expect(try await harness.store.materializeRelative(alert, sender: "+1", now: later, limit: 100) == 0)
        #expect(try await harness.store.occurrenceRowCounts(alertID: alert.id).rows == 1)
    }

    @Test func cancellingCancelsUnsentMessages() async throws {
        let harness = try await StoreHarness()
        try await harness.store.seedSubscribers(campaignID: harness.rights.id, count: 10, now: harness.now)
        let alert = try await self.alert(harness, .once(at: harness.now))
        try await harness.store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: harness.now)
        _ = try await self.fanOutAll(harness, try await harness.store.unfinishedFanouts()[0], batch: 100)
        let cancelled = try await harness.store.setAlertStatus(id: alert.id, .cancelled, actor: "t", now: harness.now)
        #expect(cancelled.status == .cancelled)
        #expect(try await harness.store.alertProgress(id: alert.id).counts["cancelled"] == 10)
        await #expect { _ = try await harness.store.setAlertStatus(id: alert.id, .active, actor: "t", now: harness.now) } throws: {
            ($0 as? StoreError)?.kind == .conflict
        }
    }

    @Test func cancellingLeavesTheMessagesBeingSent() async throws {
        let store = try await SQLiteStoreDispatchTests().setup()
        let now = SQLiteStoreDispatchTests.noon
        let alertID = try #require(try await store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM alert") })
        let claimed = try await store.claimBulk(limit: 2, gate: SendGate(), brand: "B", lease: 60, now: now)
        #expect(claimed.count == 2)
        _ = try await store.setAlertStatus(id: alertID, .cancelled, actor: "t", now: now)
        // The two leased are with the carrier already: their outcome decides their status.
        #expect(try await store.alertProgress(id: alertID).counts == ["cancelled": 1, "sending": 2])
        try await store.recordOutcomes(
            claimed.map { DispatchOutcome(id: $0.sms.id, result: .sent(carrier: "mock", carrierMessageID: "M\($0.sms.id)")) }, now: now
        )
        #expect(try await store.alertProgress(id: alertID).counts == ["cancelled": 1, "sent": 2])
    }
}
