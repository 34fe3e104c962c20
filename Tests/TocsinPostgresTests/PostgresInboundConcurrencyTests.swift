import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres

/// Inbound texts, reviews and receipts with two instances (two clients) on one PostgreSQL database.
struct PostgresInboundConcurrencyTests {
    let noon = Scenario.noon

    func commit(_ store: PostgresStore, _ work: InboundWork) async throws -> InboundOutcome {
        try await store.commitInbound([work], policy: Scenario.policy, renderer: KindRenderer(), now: self.noon)[0].get()
    }

    /// Campaign, `count` seeded subscribers (Fixtures.phone(0..<count)) and one queued bulk text each.
    func queued(_ store: PostgresStore, count: Int) async throws {
        try await Scenario.fannedOut(store, count: count, body: "Act", fanOutBatch: 500)
    }

    /// Commits a STOP from each number in turn; returns when each had committed.
    func stop(_ phones: [PhoneNumber], on store: PostgresStore) async throws -> [String: Date] {
        var committed: [String: Date] = [:]
        for phone in phones {
            _ = try await self.commit(store, Scenario.work(phone, "stop-\(phone.e164)", .optOut))
            committed[phone.e164] = Date()
        }
        return committed
    }

    /// Claims two texts at a time until none is left; returns when each claim began and whom it sent to.
    func claimAll(on store: PostgresStore) async throws -> [(started: Date, phones: [String])] {
        var claims: [(started: Date, phones: [String])] = []
        while true {
            let started = Date()
            let batch = try await store.claimBulk(limit: 2, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            if batch.isEmpty { return claims }
            claims.append((started, batch.map(\.sms.to.e164)))
        }
    }

    @Test func aStopCommittedByOneInstanceClosesTheOtherInstancesNextClaim() async throws {
        try await TestPostgres.withStores(2) { stores in
            try await self.queued(stores[0], count: 3)
            let stopped = Fixtures.phone(1)
            let stop = try await self.commit(stores[0], Scenario.work(stopped, "stop", .optOut, body: "STOP"))
            #expect(stop.disposition == .optedOut)
            let claimed = try await stores[1].claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(Set(claimed.map(\.sms.to)) == [Fixtures.phone(0), Fixtures.phone(2)])
            let rows = try await stores[1].bulkRecords()
            #expect(rows.filter { $0.phone == stopped.e164 }.map(\.status) == ["suppressed"])
            #expect(rows.filter { $0.phone != stopped.e164 }.map(\.status) == ["sending", "sending"])
            #expect(try await stores[1].isSuppressed(stopped))
        }
    }

    @Test func noClaimStartedAfterAStopCommittedSendsToThatNumber() async throws {
        try await TestPostgres.withStores(2) { stores in
            try await self.queued(stores[0], count: 300)
            // Instance A takes STOPs from every other number while instance B claims in small batches.
            let stopped = (0..<300).filter { $0.isMultiple(of: 2) }.map(Fixtures.phone)
            async let stopTimes = self.stop(stopped, on: stores[0])
            async let claims = self.claimAll(on: stores[1])
            let (committed, claimed) = try await (stopTimes, claims)
            #expect(committed.count == 150)
            // A claim that began after a number's STOP had committed never sent to it.
            let late = claimed.flatMap { claim in claim.phones.filter { committed[$0].map { $0 < claim.started } ?? false } }
            #expect(late.isEmpty)
            let rows = try await stores[1].bulkRecords()
            #expect(rows.count == 300)
            // Every message was decided once: never left queued, and numbers that did not STOP all got theirs.
            #expect(rows.allSatisfy { $0.status == "sending" || $0.status == "suppressed" })
            #expect(rows.filter { committed[$0.phone] == nil }.allSatisfy { $0.status == "sending" })
            #expect(try await stores[0].outboundStatusCounts(lane: "reply") == ["queued": 150])
        }
    }

    @Test func twoInstancesReceivingTheSameMessageStoreOneRowAndQueueOneReply() async throws {
        try await TestPostgres.withStores(2) { stores in
            let campaign = try await stores[0].upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            // New numbers joining: each commit also creates the subscriber.
            let works = (1...20).map { Scenario.work(Fixtures.phone($0), "join-\($0)", .join, body: "RIGHTS", join: campaign.id) }
            let outcomes = try await withThrowingTaskGroup(of: InboundOutcome.self) { group in
                for work in works {
                    for store in stores + stores { group.addTask { try await self.commit(store, work) } }
                }
                return try await group.reduce(into: [InboundOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.count == 80)
            #expect(outcomes.filter { !$0.duplicate }.count == 20)
            #expect(Set(outcomes.map(\.inboundID)).count == 20)
            #expect(outcomes.filter { !$0.duplicate }.allSatisfy { $0.disposition == .joined && $0.replies.count == 1 })
            let counts = try await stores[1].read { session in
                try await session.row(
                    """
                    SELECT (SELECT COUNT(*) FROM inbound_message) AS inbound, (SELECT COUNT(*) FROM subscriber) AS subscribers,
                        (SELECT COUNT(*) FROM outbound_message) AS replies, (SELECT COUNT(*) FROM consent_event) AS events
                    """
                ).map { [try $0.get("inbound", as: Int.self), try $0.get("subscribers"), try $0.get("replies"), try $0.get("events")] }
            }
            #expect(counts == [20, 20, 20, 20])
        }
    }

    @Test func twoStopsFromOneNumberOnTwoInstancesAtOnceOptOutOnce() async throws {
        try await TestPostgres.withStores(2) { stores in
            let campaign = try await stores[0].upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            let phones = (1...20).map(Fixtures.phone)
            for phone in phones {
                _ = try await self.commit(stores[0], Scenario.work(phone, "join-\(phone.e164)", .join, join: campaign.id))
            }
            // Two different texts (two carrier ids) from each number, one on each instance.
            let outcomes = try await withThrowingTaskGroup(of: InboundOutcome.self) { group in
                for phone in phones {
                    for (index, store) in stores.enumerated() {
                        group.addTask { try await self.commit(store, Scenario.work(phone, "stop-\(index)-\(phone.e164)", .optOut)) }
                    }
                }
                return try await group.reduce(into: [InboundOutcome]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0.disposition == .optedOut }.count == 20)
            #expect(outcomes.filter { $0.disposition == .alreadyOptedOut }.count == 20)
            let counts = try await stores[1].read { session in
                try await session.row(
                    """
                    SELECT (SELECT COUNT(*) FROM consent_event WHERE action = 'opt_out') AS events,
                        (SELECT COUNT(*) FROM outbound_message WHERE kind = 'opt_out_confirmation') AS confirmations
                    """
                ).map { [try $0.get("events", as: Int.self), try $0.get("confirmations")] }
            }
            #expect(counts == [20, 20])
        }
    }

    @Test func twoInstancesExpiringReviewsAtOnceExpireEachOnce() async throws {
        try await TestPostgres.withStores(2) { stores in
            for index in 0..<40 {
                _ = try await self.commit(
                    stores[0],
                    Scenario.work(Fixtures.phone(index), "a\(index)", .review, body: "STOP police violence", tier: .ambiguous)
                )
            }
            let later = self.noon.addingTimeInterval(30 * 86_400)
            let expired = try await withThrowingTaskGroup(of: Int.self) { group in
                for store in stores { group.addTask { try await store.expireOverdueReviews(now: later) } }
                return try await group.reduce(0, +)
            }
            #expect(expired == 40)
            let events = try await stores[1].read { session in
                try await session.value("SELECT COUNT(*) FROM consent_event WHERE source = 'review'", as: Int.self)
            }
            #expect(events == 40)
            #expect(try await stores[1].reviewItems(status: .expiredOptOut, limit: 100).count == 40)
        }
    }

    @Test func aReceiptRacingItsSendOnAnotherInstanceIsNeverLeftWaiting() async throws {
        try await TestPostgres.withStores(2) { stores in
            try await self.queued(stores[0], count: 200)
            let claimed = try await stores[0].claimBulk(limit: 200, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.count == 200)
            // For each message at once: instance A records its send, instance B receives its delivery receipt.
            // Right after both have returned, the message must be delivered (no later send sweeps it up).
            var waiting = 0
            for message in claimed {
                let sent = DispatchOutcome(id: message.sms.id, result: .sent(carrier: "mock", carrierMessageID: "c\(message.sms.id)"))
                let receipt = DeliveryReceipt(
                    carrier: "mock", carrierMessageID: "c\(message.sms.id)", state: .delivered, carrierStatus: "delivered",
                    errorCode: nil, recipientOptedOut: false
                )
                async let recorded: Void = stores[0].recordOutcomes([sent], now: self.noon)
                async let applied = stores[1].applyDeliveryReceipt(receipt, now: self.noon)
                _ = try await (recorded, applied)
                if try await stores[1].outboundStatus(carrier: "mock", carrierMessageID: "c\(message.sms.id)")?.status != "delivered" {
                    waiting += 1
                }
            }
            #expect(waiting == 0)
            #expect(try await stores[1].outboundStatusCounts(lane: "bulk") == ["delivered": 200])
            let pending = try await stores[1].read { session in
                try await session.value("SELECT COUNT(*) FROM carrier_receipt_pending", as: Int.self)
            }
            #expect(pending == 0)
        }
    }
}
