import Foundation
import Logging
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

struct AlertSchedulerTests {
    @Test func occurrencesFanOutWhenDueAndNotBefore() async throws {
        let store = try SQLiteStore.inMemory()
        let clock = MockClock()
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: clock.now)
        try await store.seedSubscribers(campaignID: campaign.id, count: 250, now: clock.now)
        let schedule = AlertSchedule.recurring(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=3"), start: LocalDateTime(clock.now.addingTimeInterval(3600), in: TimeZone(identifier: "UTC")!),
            timeZone: "UTC", delivery: .sameInstant)
        let alert = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "daily", bodies: ["en": "Act"], schedule: schedule, createdBy: "t", createdAt: clock.now), now: clock.now)
        let scheduler = AlertScheduler(alerts: store, clock: clock, sender: "+14155550100", batchSize: 100, logger: Logger(label: "t"))
        #expect(try await scheduler.tick() == AlertScheduler.Report(occurrences: 0, rows: 0))
        clock.advance(by: 3600)
        #expect(try await scheduler.tick() == AlertScheduler.Report(occurrences: 1, rows: 250))
        #expect(try await scheduler.tick() == AlertScheduler.Report(occurrences: 0, rows: 0))
        // Two days later both remaining occurrences are due at once; then the alert is complete.
        clock.advance(by: 2 * 86_400)
        #expect(try await scheduler.tick() == AlertScheduler.Report(occurrences: 2, rows: 500))
        #expect(try await store.alert(id: alert.id)?.status == .completed)
        #expect(try await store.occurrenceRowCounts(alertID: alert.id).distinctPhones == 750)
    }

    @Test func aPausedAlertSkipsWhatItMissed() async throws {
        let store = try SQLiteStore.inMemory()
        let clock = MockClock()
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: clock.now)
        try await store.seedSubscribers(campaignID: campaign.id, count: 5, now: clock.now)
        let schedule = AlertSchedule.recurring(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY"), start: LocalDateTime(clock.now.addingTimeInterval(60), in: TimeZone(identifier: "UTC")!),
            timeZone: "UTC", delivery: .sameInstant)
        let alert = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "daily", bodies: ["en": "Act"], schedule: schedule, createdBy: "t", createdAt: clock.now), now: clock.now)
        let scheduler = AlertScheduler(alerts: store, clock: clock, sender: "+1", logger: Logger(label: "t"))
        _ = try await store.setAlertStatus(id: alert.id, .paused, actor: "t", now: clock.now)
        clock.advance(by: 3 * 86_400)
        #expect(try await scheduler.tick().occurrences == 0)
        _ = try await store.setAlertStatus(id: alert.id, .active, actor: "t", now: clock.now)
        #expect(try await scheduler.tick().occurrences == 0)
        clock.advance(by: 86_400)
        #expect(try await scheduler.tick() == AlertScheduler.Report(occurrences: 1, rows: 5))
    }
}
