import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres

/// Alert calls and campaign admin with two instances (two clients) on one PostgreSQL database.
struct PostgresAdminVoiceConcurrencyTests {
    let noon = Scenario.noon

    /// Claims `limit` calls at a time until none is left; returns the claimed message ids.
    func claimAll(on store: PostgresStore, limit: Int) async throws -> [Int64] {
        var ids: [Int64] = []
        while true {
            let batch = try await store.claimCalls(limit: limit, gate: SendGate(), cap: CallCap(), brand: "B", lease: 60, now: self.noon)
            if batch.isEmpty { return ids }
            ids += batch.map(\.call.messageID)
        }
    }

    /// The campaign `store` created, or its error.
    func create(_ campaign: Campaign, on store: PostgresStore) async -> Result<Campaign, any Error> {
        do {
            return .success(try await store.createCampaign(campaign, actor: "t", now: self.noon))
        } catch {
            return .failure(error)
        }
    }

    @Test func twoInstancesClaimingTheSameDueCallsClaimEachOnce() async throws {
        try await TestPostgres.withStores(2) { stores in
            let engine = EngineStore(engine: .postgres, sqlite: nil, postgres: stores[0])
            // 501 subscribers with calls on, except number 2: 500 due calls.
            try await Scenario.calls(engine, count: 501)
            #expect(try await engine.count("SELECT COUNT(*) FROM outbound_message WHERE channel = 'voice' AND status = 'queued'") == 500)
            async let first = self.claimAll(on: stores[0], limit: 7)
            async let second = self.claimAll(on: stores[1], limit: 11)
            let (a, b) = try await (first, second)
            let all = a + b
            #expect(all.count == 500)
            #expect(Set(all).count == 500)
            #expect(!a.isEmpty && !b.isEmpty)
            #expect(try await engine.count("SELECT COUNT(*) FROM outbound_message WHERE channel = 'voice' AND status = 'sending' AND attempts = 1") == 500)
        }
    }

    @Test func twoInstancesCreatingTheSameKeywordAtOnceOneWins() async throws {
        try await TestPostgres.withStores(2) { stores in
            for round in 0..<20 {
                let keyword = "KEY\(round)"
                let campaigns = (0..<2).map { side in
                    Campaign(slug: "c\(round)-\(side)", programName: "C", frequency: "Weekly", keywords: ["SHARED\(round)-\(side)", keyword])
                }
                async let a = self.create(campaigns[0], on: stores[0])
                async let b = self.create(campaigns[1], on: stores[1])
                let results = await [a, b]
                let winners = results.compactMap { try? $0.get() }
                #expect(winners.count == 1, "round \(round)")
                for result in results {
                    guard case .failure(let error) = result else { continue }
                    #expect((error as? StoreError)?.kind == .conflict, "round \(round): \(error)")
                    #expect((error as? StoreError)?.message.contains("keyword \(keyword) is already used") == true, "\(error)")
                }
                guard let winner = winners.first else { continue }
                let engine = EngineStore(engine: .postgres, sqlite: nil, postgres: stores[0])
                // The loser wrote nothing: no campaign row, no keyword, no audit.
                #expect(try await engine.count("SELECT COUNT(*) FROM campaign WHERE slug LIKE 'c\(round)-%'") == 1)
                let owners = try await engine.strings(
                    """
                    SELECT c.slug FROM campaign_keyword k JOIN campaign c ON c.id = k.campaign_id
                    WHERE k.keyword IN ('SHARED\(round)-0', 'SHARED\(round)-1', '\(keyword)')
                    """
                )
                #expect(owners == [winner.slug, winner.slug])
                #expect(try await engine.count("SELECT COUNT(*) FROM audit_event WHERE subject LIKE 'campaign:c\(round)-%'") == 1)
            }
        }
    }

    @Test func twoInstancesCreatingTheSameSlugAtOnceOneWins() async throws {
        try await TestPostgres.withStores(2) { stores in
            for round in 0..<10 {
                let campaign = Campaign(slug: "same-\(round)", programName: "C", frequency: "Weekly", keywords: [])
                async let a = self.create(campaign, on: stores[0])
                async let b = self.create(campaign, on: stores[1])
                let results = await [a, b]
                #expect(results.compactMap { try? $0.get() }.count == 1, "round \(round)")
                #expect(results.contains { if case .failure(let error) = $0 { (error as? StoreError)?.kind == .conflict } else { false } })
            }
        }
    }

    @Test func twoInstancesRecordingPressNineForOneNumberOptOutOnce() async throws {
        try await TestPostgres.withStores(2) { stores in
            let engine = EngineStore(engine: .postgres, sqlite: nil, postgres: stores[0])
            try await Scenario.calls(engine, count: 41)
            // Two calls to each number (a second queued copy), answered on two instances at once.
            try await engine.execute(
                """
                INSERT INTO outbound_message (phone, from_number, kind, channel, lane, status, body, campaign_id, send_after,
                    created_at, updated_at)
                SELECT phone, from_number, kind, channel, lane, 'queued', 'Copy.', campaign_id, send_after, 0, 0
                FROM outbound_message WHERE channel = 'voice'
                """
            )
            let pairs = try await engine.strings(
                "SELECT MIN(id) || ',' || MAX(id) FROM outbound_message WHERE channel = 'voice' GROUP BY phone ORDER BY phone"
            ).map { $0.split(separator: ",").compactMap { Int64($0) } }
            #expect(pairs.count == 40)
            for pair in pairs {
                async let a = stores[0].recordVoiceOptOut(messageID: pair[0], callID: "CA\(pair[0])", now: self.noon)
                async let b = stores[1].recordVoiceOptOut(messageID: pair[1], callID: "CA\(pair[1])", now: self.noon)
                let (first, second) = try await (a, b)
                #expect([first, second].filter { $0 }.count == 1, "messages \(pair)")
            }
            #expect(try await engine.count("SELECT COUNT(*) FROM consent_event WHERE source = 'voice_keypress'") == 40)
            #expect(try await engine.count("SELECT COUNT(*) FROM audit_event WHERE action = 'voice.opt_out'") == 40)
            #expect(try await engine.count("SELECT COUNT(*) FROM voice_suppression") == 40)
            #expect(try await engine.count("SELECT COUNT(*) FROM suppression") == 40)
            #expect(try await engine.count("SELECT COUNT(*) FROM outbound_message WHERE channel = 'voice' AND status <> 'suppressed'") == 0)
            // The consent events and audit rows of both instances are in one unforked ledger chain.
            let verification = try await stores[1].verifyLedger()
            #expect(verification.isIntact, "\(verification.problem?.description ?? "")")
        }
    }
}
