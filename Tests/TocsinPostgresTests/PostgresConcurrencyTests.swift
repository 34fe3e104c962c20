import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres

/// Two instances (two clients) on one PostgreSQL database at once.
struct PostgresConcurrencyTests {
    let noon = Scenario.noon

    /// A campaign with `count` subscribers and a once-alert at noon (not yet materialised).
    func alert(_ store: PostgresStore, subscribers count: Int) async throws -> Alert {
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
        try await store.seedSubscribers(campaignID: campaign.id, count: count, now: self.noon)
        return try await store.createAlert(
            Alert(campaignID: campaign.id, name: "A", bodies: ["en": "Act"], schedule: .once(at: self.noon), createdBy: "t", createdAt: self.noon),
            now: self.noon
        )
    }

    @Test func twoInstancesClaimEachMessageExactlyOnce() async throws {
        try await TestPostgres.withStores(2) { stores in
            let alert = try await self.alert(stores[0], subscribers: 2000)
            try await stores[0].materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
            let occurrence = try #require(try await stores[0].unfinishedFanouts().first)
            while try await !stores[0].fanOut(occurrenceID: occurrence, sender: Scenario.sender, batchSize: 500, now: self.noon).done {}
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for store in stores {
                    group.addTask {
                        var ids: [Int64] = []
                        while true {
                            let batch = try await store.claimBulk(limit: 50, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
                            if batch.isEmpty { return ids }
                            ids += batch.map(\.sms.id)
                        }
                    }
                }
                return try await group.reduce(into: [[Int64]]()) { $0.append($1) }
            }
            let all = claims.flatMap { $0 }
            #expect(all.count == 2000)
            #expect(Set(all).count == 2000)
            // Both instances took part (each claimed something while the other was claiming).
            #expect(claims.allSatisfy { !$0.isEmpty })
            #expect(try await stores[1].outboundStatusCounts(lane: "bulk") == ["sending": 2000])
        }
    }

    @Test func twoInstancesMaterializeAnOccurrenceOnce() async throws {
        try await TestPostgres.withStores(2) { stores in
            let alert = try await self.alert(stores[0], subscribers: 1)
            let occurrence = try #require(try alert.nextOccurrence(after: nil))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores + stores {
                    group.addTask { try await store.materialize(occurrence, of: alert, next: nil, now: self.noon) }
                }
                try await group.waitForAll()
            }
            let count = try await stores[1].read { session in
                try await session.value("SELECT COUNT(*) FROM alert_occurrence WHERE alert_id = \(alert.id)", as: Int.self)
            }
            #expect(count == 1)
            #expect(try await stores[1].unfinishedFanouts().count == 1)
        }
    }

    @Test func twoInstancesFanningOutOneOccurrenceWriteOneRowPerRecipient() async throws {
        try await TestPostgres.withStores(2) { stores in
            let alert = try await self.alert(stores[0], subscribers: 1500)
            try await stores[0].materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
            let occurrence = try #require(try await stores[0].unfinishedFanouts().first)
            let inserted = try await withThrowingTaskGroup(of: Int.self) { group in
                for store in stores {
                    group.addTask {
                        var inserted = 0
                        while true {
                            let step = try await store.fanOut(occurrenceID: occurrence, sender: Scenario.sender, batchSize: 100, now: self.noon)
                            inserted += step.inserted
                            if step.done { return inserted }
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(inserted == 1500)
            let counts = try await stores[1].occurrenceRowCounts(alertID: alert.id)
            #expect(counts.rows == 1500 && counts.distinctPhones == 1500 && counts.occurrences == 1)
            #expect(try await stores[1].occurrenceProgress().map(\.status) == ["done"])
        }
    }

    @Test func twoInstancesNeverBothSpendANumbersLastCapSlot() async throws {
        try await TestPostgres.withStores(2) { stores in
            var campaign = Fixtures.rights
            campaign.frequency = "Up to 1 msg/month"
            let saved = try await stores[0].upsertCampaign(campaign, actor: "t", now: self.noon)
            try await stores[0].seedSubscribers(campaignID: saved.id, count: 300, now: self.noon)
            for name in ["A", "B"] {
                let alert = try await stores[0].createAlert(
                    Alert(campaignID: saved.id, name: name, bodies: ["en": name], schedule: .once(at: self.noon), createdBy: "t", createdAt: self.noon),
                    now: self.noon
                )
                try await stores[0].materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
            }
            for occurrence in try await stores[0].unfinishedFanouts() {
                while try await !stores[0].fanOut(occurrenceID: occurrence, sender: Scenario.sender, batchSize: 500, now: self.noon).done {}
            }
            // A number's two messages side by side in claim order, and odd batches, so the two instances'
            // batches split pairs between them.
            try await stores[0].executeForTests([
                "UPDATE outbound_message SET send_after = send_after - CAST(SUBSTR(phone, 6) AS BIGINT), expires_at = NULL",
            ])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores {
                    group.addTask {
                        while true {
                            let batch = try await store.claimBulk(limit: 7, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
                            if batch.isEmpty, try await store.outboundStatusCounts(lane: "bulk")["queued"] == nil { return }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let perPhone = try await stores[1].read { session in
                try await session.rows(
                    "SELECT COUNT(*) FILTER (WHERE status = 'sending') AS sending, COUNT(*) FILTER (WHERE status = 'deferred') AS deferred FROM outbound_message GROUP BY phone"
                ).map { (try $0.get("sending", as: Int.self), try $0.get("deferred", as: Int.self)) }
            }
            #expect(perPhone.count == 300)
            #expect(perPhone.allSatisfy { $0 == (1, 1) })
        }
    }

    @Test func recoveryLeavesAnotherInstancesLiveClaimsAlone() async throws {
        try await TestPostgres.withStores(2) { stores in
            let alert = try await self.alert(stores[0], subscribers: 3)
            try await stores[0].materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: self.noon)
            let occurrence = try #require(try await stores[0].unfinishedFanouts().first)
            while try await !stores[0].fanOut(occurrenceID: occurrence, sender: Scenario.sender, batchSize: 10, now: self.noon).done {}
            #expect(try await stores[0].claimBulk(limit: 2, gate: SendGate(), brand: "B", lease: 60, now: self.noon).count == 2)
            // Instance 2 starts while instance 1's sends are in flight: their leases hold.
            #expect(try await stores[1].recoverInFlight(policy: .atMostOnce, now: self.noon.addingTimeInterval(30)) == 0)
            #expect(try await stores[1].outboundStatusCounts(lane: "bulk") == ["sending": 2, "queued": 1])
            // Once the leases have run out, instance 1 is taken to be gone.
            #expect(try await stores[1].recoverInFlight(policy: .atMostOnce, now: self.noon.addingTimeInterval(60)) == 2)
            #expect(try await stores[1].inDoubtMessages(limit: 10).count == 2)
        }
    }

    @Test func twoInstancesTakingTheSameWebOptInQueueOnePrompt() async throws {
        try await TestPostgres.withStores(2) { stores in
            _ = try await stores[0].upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            let phones = (1...20).map(Fixtures.phone)
            // Known numbers (a new number's insert already makes the second instance wait for the first).
            try await stores[0].executeForTests(phones.map { "INSERT INTO subscriber (phone, created_at) VALUES ('\($0.e164)', 0)" })
            let outcomes = try await withThrowingTaskGroup(of: WebOptInOutcome.Status.self) { group in
                for phone in phones {
                    for store in stores {
                        group.addTask {
                            let request = WebOptInRequest(
                                phone: phone, campaignSlug: "rights", disclosure: "d", sourceURL: "https://act.example.org", ip: nil,
                                userAgent: nil, language: "en", firstName: nil, actor: "petitions"
                            )
                            return try await store.requestWebOptIn(request, renderer: KindRenderer(), sender: Scenario.sender, now: self.noon).status
                        }
                    }
                }
                return try await group.reduce(into: [WebOptInOutcome.Status]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .pending }.count == 20)
            #expect(outcomes.filter { $0 == .alreadyPending }.count == 20)
            #expect(try await stores[1].queuedReplies(limit: 100).count == 20)
        }
    }
}
