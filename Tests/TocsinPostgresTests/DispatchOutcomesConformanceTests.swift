import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// DispatchStore's outcomes and crash recovery, written once and run on both engines.
struct DispatchOutcomesConformanceTests {
    let noon = Scenario.noon

    @Test(arguments: StoreEngine.allCases)
    func outcomesAreRecordedWithTheirReasons(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.fannedOut(store, count: 4)
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.count == 4)
            let ids = claimed.map(\.sms.id).sorted()
            let retryAt = self.noon.addingTimeInterval(120)
            try await store.store.recordOutcomes(
                [
                    DispatchOutcome(id: ids[0], result: .sent(carrier: "mock", carrierMessageID: "c1")),
                    DispatchOutcome(id: ids[1], result: .retry(at: retryAt, carrier: "mock", error: CarrierError(.rateLimited, message: "slow down"))),
                    DispatchOutcome(id: ids[2], result: .failed(carrier: "mock", error: CarrierError(.rejected, message: "bad"))),
                    DispatchOutcome(id: ids[3], result: .failed(carrier: "mock", error: CarrierError(.recipientOptedOut, code: "21610", message: "stopped"))),
                ],
                now: self.noon
            )
            let rows = try await store.bulkRows()
            #expect(rows.map(\.status) == ["sent", "queued", "failed", "failed"])
            #expect(rows[1].sendAfter == retryAt)
            #expect(rows[1].reason?.hasPrefix("retry: ") == true)
            #expect(rows[2].reason?.contains("bad") == true)
            // The carrier-reported opt-out suppressed the number, ended its subscription and left evidence.
            let phone = rows[3].phone
            #expect(try await store.count("SELECT COUNT(*) FROM suppression WHERE phone = '\(phone)' AND source = 'carrier'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM consent_event WHERE phone = '\(phone)' AND action = 'opt_out' AND source = 'carrier' AND raw_text = 'carrier error 21610'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id WHERE p.phone = '\(phone)' AND s.status = 'opted_out'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'carrier.opt_out'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE lease_until IS NOT NULL") == 0)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aDeferralAtTheSendIsNotAnAttempt(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.fannedOut(store, count: 1)
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.first?.attempts == 1)
            let until = self.noon.addingTimeInterval(3600)
            try await store.store.recordOutcomes(
                [DispatchOutcome(id: try #require(claimed.first).sms.id, result: .deferred(until: until, reason: "hours ended"))], now: self.noon
            )
            let row = try #require(try await store.bulkRows().first)
            #expect(row.status == "deferred" && row.sendAfter == until && row.reason == "hours ended")
            #expect(row.attempts == 0 && row.body == claimed.first?.sms.body)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE lease_until IS NOT NULL") == 0)
        }
    }

    @Test(arguments: [(StoreEngine.sqlite, CrashPolicy.atMostOnce), (.sqlite, .atLeastOnce), (.postgres, .atMostOnce), (.postgres, .atLeastOnce)])
    func inFlightMessagesAreRecoveredByPolicy(engine: StoreEngine, policy: CrashPolicy) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.fannedOut(store, count: 3)
            let claimed = try await store.store.claimBulk(limit: 2, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.count == 2)
            // After the lease has run out (a restarted process).
            let restart = self.noon.addingTimeInterval(61)
            #expect(try await store.store.recoverInFlight(policy: policy, now: restart) == 2)
            let rows = try await store.bulkRows()
            switch policy {
            case .atMostOnce:
                #expect(rows.map(\.status) == ["failed", "failed", "queued"])
                #expect(rows.map(\.inDoubt) == [true, true, false])
                let inDoubt = try await store.store.inDoubtMessages(limit: 10)
                #expect(inDoubt.map(\.id) == [rows[1].id, rows[0].id])
                #expect(inDoubt.first?.to.contains("*") == true)
                #expect(inDoubt.first?.markedAt == restart)
            case .atLeastOnce:
                #expect(rows.map(\.status) == ["queued", "queued", "queued"])
                #expect(rows[0].sendAfter == restart)
                #expect(try await store.store.inDoubtMessages(limit: 10).isEmpty)
            }
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'dispatch.recovered'") == 1)
            #expect(try await store.store.recoverInFlight(policy: policy, now: restart) == 0)
        }
    }
}
