import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres
@testable import TocsinStore

/// The same consent and audit rows written on SQLite and on PostgreSQL under the same key give the same
/// ledger entries, byte for byte, and the same hashes: one format, one verifier.
struct LedgerVectorTests {
    /// Texts that exercise the JSON escaping and UTF-8 hashing of both engines (nil is NULL).
    static let samples: [String?] = [
        "STOP", "quote \" and backslash \\ and 'apostrophe'", "line\nbreak\ttab\rreturn",
        "\u{01}\u{1f}\u{08}\u{0c}\u{7f} controls", "é 中文 😀 / slash", "", nil,
    ]

    static func literal(_ text: String?) -> String {
        text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }

    /// One consent row and one audit row per sample, in separate transactions, valid SQL on both engines.
    static let statements: [[String]] = [[
        "INSERT INTO campaign (id, slug, program_name, frequency, created_at, updated_at) VALUES (7, 'rights', 'Rights', 'weekly', 0, 0)",
        """
        INSERT INTO inbound_message (id, carrier, carrier_message_id, from_phone, to_number, body, received_at, processed_at,
            intent, tier, disposition) VALUES (9, 'mock', 'm1', '+12125550100', '+14155550100', 'JOIN', 0, 0, 'opt_in', 'exact', 'ok')
        """,
    ]] + Self.samples.enumerated().map { index, sample -> [String] in
        let phone = index == 5 ? "hmac:0123abcd#4" : "+121255501" + String(10 + index)
        let campaign = index % 2 == 0 ? "7" : "NULL"
        let inbound = index % 3 == 0 ? "9" : "NULL"
        let text = Self.literal(sample)
        let rule = Self.literal(index == 2 ? nil : "rule-" + String(index))
        let url = Self.literal(index == 3 ? nil : "https://example.org/p")
        let ip = Self.literal(index == 4 ? nil : "203.0.113.9")
        let time = 1_795_453_200_000 + Int64(index)
        return [
            """
            INSERT INTO consent_event (id, phone, campaign_id, scope, action, channel, source, keyword, raw_text, tier, rule,
                source_url, ip, user_agent, disclosure, staff, inbound_message_id, language, occurred_at)
            VALUES (\(index + 1), '\(phone)', \(campaign), 'campaign', 'opt_in', 'sms', 'web_form', \(text),
                \(text), 'exact', \(rule), \(url), \(ip), \(text), \(text), \(text), \(inbound), 'en', \(time))
            """,
            """
            INSERT INTO audit_event (id, occurred_at, actor, action, subject, detail)
            VALUES (\(index + 1), \(time), 'ana', 'test.vector', \(text), \(text))
            """,
        ]
    }

    /// A consent row with every personal field NULL (`personal` is null in its entry).
    static let noPersonal = [
        """
        INSERT INTO consent_event (id, phone, scope, action, source, occurred_at)
        VALUES (100, '+12125550199', 'org', 'opt_out', 'sms', 1795453300000)
        """,
    ]

    @Test func rawRowsChainIdenticallyOnBothEngines() async throws {
        let key = ErasureKey.random()
        var ledgers: [StoreEngine: [LedgerRow]] = [:]
        for engine in StoreEngine.allCases {
            ledgers[engine] = try await EngineStore.with(engine, erasureKey: key) { store in
                for transaction in Self.statements + [Self.noPersonal] { try await store.execute(all: transaction) }
                let verification = try await store.verifyLedger()
                #expect(verification.isIntact, "\(engine): \(verification.problem?.description ?? "")")
                return try await store.ledgerRows()
            }
        }
        let sqlite = try #require(ledgers[.sqlite])
        let postgres = try #require(ledgers[.postgres])
        #expect(sqlite.count == 2 * Self.samples.count + 1)
        #expect(postgres.count == sqlite.count)
        for (left, right) in zip(sqlite, postgres) {
            #expect(left == right, "SQLite:\n\(left)\nPostgreSQL:\n\(right)")
        }
    }

    @Test func storeWritesChainIdenticallyOnBothEngines() async throws {
        let key = ErasureKey.random()
        var ledgers: [StoreEngine: [LedgerRow]] = [:]
        for engine in StoreEngine.allCases {
            ledgers[engine] = try await EngineStore.with(engine, erasureKey: key) { store in
                _ = try await store.store.upsertCampaign(Fixtures.rights, actor: "staff \"ana\"", now: Scenario.noon)
                for (line, agent) in [(301, "Mozilla/5.0"), (302, "curl/8 \u{01}\n😀")] {
                    let request = WebOptInRequest(
                        phone: PhoneNumber(e164: "+12125550\(line)")!, campaignSlug: "rights", disclosure: "Yes, text me.\nÉté",
                        sourceURL: "https://example.org/p?a=\"1\"", ip: "203.0.113.9", userAgent: agent, language: "en",
                        firstName: "Ana", actor: "petition"
                    )
                    if let sqlite = store.sqlite {
                        _ = try await sqlite.requestWebOptIn(request, renderer: KindRenderer(), sender: Scenario.sender, now: Scenario.noon)
                    } else {
                        _ = try await store.postgres!.requestWebOptIn(request, renderer: KindRenderer(), sender: Scenario.sender, now: Scenario.noon)
                    }
                }
                let verification = try await store.verifyLedger()
                #expect(verification.isIntact, "\(engine): \(verification.problem?.description ?? "")")
                return try await store.ledgerRows()
            }
        }
        let sqlite = try #require(ledgers[.sqlite])
        let postgres = try #require(ledgers[.postgres])
        #expect(sqlite.count >= 3)
        #expect(postgres == sqlite, "SQLite:\n\(sqlite.map(\.description).joined(separator: "\n"))\nPostgreSQL:\n\(postgres.map(\.description).joined(separator: "\n"))")
    }
}
