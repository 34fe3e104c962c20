import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres
import TocsinStore

/// Erasures with two instances (two clients) on one PostgreSQL database.
struct PostgresErasureConcurrencyTests {
    let noon = Scenario.noon

    @Test func twoInstancesErasingTheSameNumbersAtOnceLeaveEachSuppressedOnceAndTheLedgerIntact() async throws {
        try await TestPostgres.withStores(2) { stores in
            let campaign = try await stores[0].upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
            let phones = (0..<6).map { Fixtures.phone(930 + $0) }
            for phone in phones {
                _ = try await stores[0].commitInbound(
                    [Scenario.work(phone, "j-\(phone.e164)", .join, join: campaign.id)], policy: Scenario.policy, renderer: KindRenderer(),
                    now: self.noon
                )
            }
            // Opposite orders, so the two instances contend for the same rows (deadlocks are retried).
            async let forward: [ErasureOutcome] = {
                var outcomes: [ErasureOutcome] = []
                for phone in phones { outcomes.append(try await stores[0].erase(phone, actor: "a", reason: nil, now: self.noon)) }
                return outcomes
            }()
            async let backward: [ErasureOutcome] = {
                var outcomes: [ErasureOutcome] = []
                for phone in phones.reversed() { outcomes.append(try await stores[1].erase(phone, actor: "b", reason: nil, now: self.noon)) }
                return outcomes
            }()
            let outcomes = try await forward + backward
            #expect(outcomes.count == 12)
            // Each number's evidence was redacted by exactly one of the two.
            let redacted = outcomes.reduce(0) { $0 + ($1.redacted["consent_event"] ?? 0) }
            #expect(redacted == phones.count)
            let verification = try await stores[1].verifyLedger()
            #expect(verification.isIntact, "\(String(describing: verification.problem))")
            for phone in phones {
                #expect(try await stores[0].isSuppressed(phone))
                let proof = try await stores[1].consentProof(phone)
                #expect(proof.events.map(\.action) == ["opt_in", "erasure", "erasure"])
            }
            let clear = phones.map { "'\($0.e164)'" }.joined(separator: ", ")
            let store = EngineStore(engine: .postgres, sqlite: nil, postgres: stores[0])
            #expect(try await store.count("SELECT COUNT(*) FROM suppression WHERE phone LIKE 'hmac:%'") == phones.count)
            #expect(try await store.count("SELECT COUNT(*) FROM suppression WHERE phone IN (\(clear))") == 0)
            #expect(try await store.count("SELECT COUNT(*) FROM consent_event WHERE phone IN (\(clear))") == 0)
            #expect(try await store.count("SELECT COUNT(*) FROM subscriber WHERE phone IN (\(clear))") == 0)
        }
    }
}
