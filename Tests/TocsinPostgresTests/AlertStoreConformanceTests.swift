import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// AlertStore, written once and run on both engines.
struct AlertStoreConformanceTests {
    let noon = Scenario.noon

    func makeAlert(_ store: EngineStore, subscribers: Int) async throws -> Alert {
        let campaign = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: subscribers, now: self.noon)
        return try await store.store.createAlert(
            Alert(campaignID: campaign.id, name: "A", bodies: ["en": "Act"], schedule: .once(at: self.noon), createdBy: "t", createdAt: self.noon),
            now: self.noon
        )
    }

    @Test(arguments: StoreEngine.allCases)
    func anOccurrenceIsMaterializedOnce(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let alert = try await self.makeAlert(store, subscribers: 1)
            #expect(alert.nextOccurrenceAt == self.noon)
            #expect(try await store.store.dueAlerts(now: self.noon.addingTimeInterval(-1)).isEmpty)
            #expect(try await store.store.dueAlerts(now: self.noon).map(\.id) == [alert.id])
            let occurrence = try #require(try alert.nextOccurrence(after: nil))
            try await store.store.materialize(occurrence, of: alert, next: nil, now: self.noon)
            try await store.store.materialize(occurrence, of: alert, next: nil, now: self.noon)
            #expect(try await store.count("SELECT COUNT(*) FROM alert_occurrence") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'alert.occurrence'") == 1)
            #expect(try await store.store.alert(id: alert.id)?.status == .completed)
            #expect(try await store.store.unfinishedFanouts().count == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func fanOutAdvancesItsCursorBatchByBatch(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let alert = try await self.makeAlert(store, subscribers: 5)
            try await store.execute("INSERT INTO suppression (phone, source, created_at) VALUES ('+12122000003', 'sms', 0)")
            try await store.store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
            let id = try #require(try await store.store.unfinishedFanouts().first)
            var steps: [FanoutStep] = []
            repeat {
                steps.append(try await store.store.fanOut(occurrenceID: id, sender: Scenario.sender, batchSize: 2, now: self.noon))
            } while !(steps.last?.done ?? true)
            // Subscribers 1-2, 3-4 (4 is suppressed), then 5.
            #expect(steps.map(\.inserted) == [2, 1, 1])
            #expect(steps.map(\.done) == [false, false, true])
            let progress = try await store.occurrenceProgress()
            #expect(progress.map(\.cursor) == [5])
            #expect(progress.map(\.status) == ["done"])
            #expect(try await store.store.unfinishedFanouts().isEmpty)
            // A finished occurrence writes nothing more.
            #expect(try await store.store.fanOut(occurrenceID: id, sender: Scenario.sender, batchSize: 2, now: self.noon).inserted == 0)
            let rows = try await store.bulkRows()
            #expect(rows.count == 4 && !rows.map(\.phone).contains("+12122000003"))
            let progressCounts = try await store.store.alertProgress(id: alert.id)
            #expect(progressCounts.counts == ["queued": 4])
            #expect(progressCounts.occurrences == 1 && progressCounts.fanningOut == 0)
            #expect(try await store.count("SELECT recipients FROM alert_occurrence") == 4)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func pauseResumeAndCancel(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            try await store.seedSubscribers(campaignID: campaign.id, count: 2, now: self.noon)
            let daily = try await store.store.createAlert(
                Alert(
                    campaignID: campaign.id, name: "D", bodies: ["en": "Daily"],
                    schedule: .once(at: self.noon.addingTimeInterval(86_400)), createdBy: "t", createdAt: self.noon
                ),
                now: self.noon
            )
            let paused = try await store.store.setAlertStatus(id: daily.id, .paused, actor: "c", now: self.noon)
            #expect(paused.status == .paused)
            let resumed = try await store.store.setAlertStatus(id: daily.id, .active, actor: "c", now: self.noon)
            #expect(resumed.status == .active && resumed.nextOccurrenceAt == self.noon.addingTimeInterval(86_400))
            let once = try await Scenario.alert(store, campaign: campaign)
            let cancelled = try await store.store.setAlertStatus(id: once.id, .cancelled, actor: "c", now: self.noon)
            #expect(cancelled.status == .cancelled && cancelled.nextOccurrenceAt == nil)
            #expect(try await store.store.alertProgress(id: once.id).counts == ["cancelled": 2])
            await #expect(throws: StoreError.self) {
                _ = try await store.store.setAlertStatus(id: once.id, .active, actor: "c", now: self.noon)
            }
            await #expect(throws: StoreError.self) {
                _ = try await store.store.setAlertStatus(id: 999, .paused, actor: "c", now: self.noon)
            }
            #expect(try await store.store.alerts(campaignID: campaign.id).map(\.name) == ["D", "A"])
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action LIKE 'alert.%'") == 7)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func recipientLocalRowsGetTheirOwnSendTimes(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            try await store.seedSubscribers(campaignID: campaign.id, count: 3, now: self.noon)
            try await store.execute(
                "UPDATE subscriber SET time_zone = 'America/Los_Angeles' WHERE id = 2",
                "UPDATE subscriber SET time_zone = NULL WHERE id = 3"
            )
            let alert = try await store.store.createAlert(
                Alert(
                    campaignID: campaign.id, name: "Daily", bodies: ["en": "Act"],
                    schedule: .recurring(
                        rule: try RecurrenceRule(parsing: "FREQ=DAILY"), start: try LocalDateTime(parsing: "2026-12-01T10:00"),
                        timeZone: "America/New_York", delivery: .recipientLocal
                    ),
                    createdBy: "t", createdAt: self.noon
                ),
                now: self.noon
            )
            let occurrence = try #require(try alert.nextOccurrence(after: nil))
            try await store.store.materialize(occurrence, of: alert, next: try alert.nextOccurrence(after: occurrence.scheduledAt), now: self.noon)
            let id = try #require(try await store.store.unfinishedFanouts().first)
            #expect(try await store.store.fanOut(occurrenceID: id, sender: Scenario.sender, batchSize: 10, now: self.noon).inserted == 3)
            let newYork = ISO8601DateFormatter().date(from: "2026-12-01T15:00:00Z")!.millisecondsSince1970
            let losAngeles = ISO8601DateFormatter().date(from: "2026-12-01T18:00:00Z")!.millisecondsSince1970
            // Subscriber 3 has no zone: the schedule's own (New York).
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE send_after = \(newYork)") == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE send_after = \(losAngeles) AND phone = '+12122000001'") == 1)
            #expect(try await store.store.alert(id: alert.id)?.status == .active)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func relativeAlertsFireOncePerSupporter(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let campaign = try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            let alert = try await store.store.createAlert(
                Alert(
                    campaignID: campaign.id, name: "Welcome", bodies: ["en": "Welcome"],
                    schedule: .relative(RelativeSchedule(offsetDays: 3)), createdBy: "t", createdAt: self.noon
                ),
                now: self.noon
            )
            try await store.seedSubscribers(campaignID: campaign.id, count: 2, now: self.noon)
            #expect(try await store.store.dueAlerts(now: self.noon).map(\.id) == [alert.id])
            #expect(try await store.store.materializeRelative(alert, sender: Scenario.sender, now: self.noon, limit: 100) == 0)
            let later = self.noon.addingTimeInterval(3 * 86_400)
            #expect(try await store.store.materializeRelative(alert, sender: Scenario.sender, now: later, limit: 1) == 1)
            #expect(try await store.store.materializeRelative(alert, sender: Scenario.sender, now: later, limit: 100) == 1)
            #expect(try await store.store.materializeRelative(alert, sender: Scenario.sender, now: later, limit: 100) == 0)
            #expect(try await store.count("SELECT COUNT(*) FROM alert_occurrence WHERE status = 'done' AND recipients = 1") == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE send_after = \(later.millisecondsSince1970) AND status = 'queued'") == 2)
        }
    }
}
