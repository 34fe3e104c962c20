import Foundation
import Testing
import TocsinCore
import TocsinPostgres
import TocsinServer
import TocsinTesting

/// The CLI commands that open the store, run with `--db postgres://…` (a database of its own per test).
struct WithStoreTests {
    /// Runs `tocsin ARGUMENTS --config CONFIG --db URL`.
    static func tocsin(_ arguments: [String], config: String, db: String) async throws -> (status: Int32, out: String, err: String) {
        try await ServerPostgres.tocsin(arguments + ["--config", config, "--db", db])
    }

    @Test func tokensAreCreatedListedAndRevokedOnPostgreSQL() async throws {
        try await ServerPostgres.withFreshDatabase { url in
            let directory = try ServePostgresTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            // The file names a SQLite database: --db wins.
            let config = try ServePostgresTests.config(in: directory, database: directory + "/unused.sqlite")
            let db = ServerPostgres.text(url)
            let created = try await Self.tocsin(["tokens", "create", "--role", "admin", "--name", "ops"], config: config, db: db)
            #expect(created.status == 0, "\(created.err)")
            let secret = created.out.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(secret.count >= 32)
            #expect(created.err.contains("created token 1 (admin, ops)"))
            let listed = try await Self.tocsin(["tokens", "list"], config: config, db: db)
            #expect(listed.status == 0)
            #expect(listed.out.hasPrefix("1\tadmin\tops\t"))
            #expect(listed.out.contains("active"))
            #expect(!listed.out.contains(secret))
            let revoked = try await Self.tocsin(["tokens", "revoke", "1"], config: config, db: db)
            #expect(revoked.out == "revoked token 1\n")
            let unknown = try await Self.tocsin(["tokens", "revoke", "99"], config: config, db: db)
            #expect(unknown.status == 1)
            // The tokens are in PostgreSQL, hashed; nothing was written beside the config.
            try await ServerPostgres.withStore(url: url) { store in
                let tokens = try await store.listTokens()
                #expect(tokens.map(\.name) == ["ops"])
                #expect(tokens.first?.isRevoked == true)
                let found = try await store.token(hash: APIToken.hash(secret))
                #expect(found?.name == "ops")
            }
            #expect(!FileManager.default.fileExists(atPath: directory + "/unused.sqlite"))
        }
    }

    @Test func importExportProveEraseAndVerifyOnPostgreSQL() async throws {
        try await ServerPostgres.withFreshDatabase { url in
            let directory = try ServePostgresTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let config = try ServePostgresTests.config(in: directory, database: directory + "/unused.sqlite")
            let db = ServerPostgres.text(url)
            try await ServerPostgres.withStore(url: url) { store in
                _ = try await store.upsertCampaign(Fixtures.rights, actor: "test", now: Date())
            }
            let csv = directory + "/list.csv"
            try """
                phone,consented_at,source,disclosure,first_name
                +12125550901,2026-01-05,paper form 2026,Texts about urgent actions,Ana
                +12125550902,2026-01-06,paper form 2026,Texts about urgent actions,Ben
                not a number,2026-01-06,paper form 2026,Texts about urgent actions,
                """.write(toFile: csv, atomically: true, encoding: .utf8)
            let imported = try await Self.tocsin(["subscribers", "import", csv, "--campaign", "rights"], config: config, db: db)
            #expect(imported.status == 0, "\(imported.err)")
            #expect(imported.out == "imported 2, skipped 0 (already subscribed), rejected 1\n")
            let twice = try await Self.tocsin(["subscribers", "import", csv, "--campaign", "rights"], config: config, db: db)
            #expect(twice.out == "imported 0, skipped 2 (already subscribed), rejected 1\n")
            let exported = try await Self.tocsin(["subscribers", "export", "--campaign", "rights"], config: config, db: db)
            #expect(exported.status == 0)
            #expect(exported.out.contains("+12125550901,active,Ana"))
            #expect(exported.out.contains("+12125550902,active,Ben"))
            let proof = try await Self.tocsin(["consent", "proof", "+12125550901"], config: config, db: db)
            #expect(proof.status == 0, "\(proof.err)")
            #expect(proof.out.contains(#""action":"opt_in""#) && proof.out.contains(#""source":"import""#))
            let erased = try await Self.tocsin(["erase", "+12125550901", "--reason", "request by email"], config: config, db: db)
            #expect(erased.status == 0, "\(erased.err)")
            #expect(erased.out.hasPrefix("erased +1********01: "))
            let verified = try await Self.tocsin(["audit", "verify"], config: config, db: db)
            #expect(verified.status == 0, "\(verified.err)")
            #expect(verified.out.hasPrefix("ledger intact: "))
            let deadlines = try await Self.tocsin(["audit", "deadlines"], config: config, db: db)
            #expect(deadlines.status == 0)
            #expect(deadlines.out.contains(#""counts":{"pending":0"#))
            let log = try await Self.tocsin(["audit", "export", "--from", "2026-01-01"], config: config, db: db)
            #expect(log.status == 0)
            #expect(log.out.hasPrefix("consent_event_id,phone,received_at,channel"))
            // Another key does not verify the same ledger: every instance and command needs the same key.
            try FileManager.default.createDirectory(atPath: directory + "/other", withIntermediateDirectories: true)
            let otherKey = try ServePostgresTests.config(in: directory + "/other", database: "unused", erasureKey: String(repeating: "7b", count: 32))
            let mismatch = try await Self.tocsin(["audit", "verify"], config: otherKey, db: db)
            #expect(mismatch.status == 1)
            #expect(mismatch.err.hasPrefix("tocsin: ledger broken"))
            try await ServerPostgres.withStore(url: url) { store in
                let suppressed = try await store.isSuppressed(PhoneNumber(e164: "+12125550901")!)
                #expect(suppressed)
            }
        }
    }

    @Test func dispatchPausesAndInDoubtWorkAndBackupPointsToPgDump() async throws {
        try await ServerPostgres.withFreshDatabase { url in
            let directory = try ServePostgresTests.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let config = try ServePostgresTests.config(in: directory, database: directory + "/unused.sqlite")
            let db = ServerPostgres.text(url)
            let paused = try await Self.tocsin(["dispatch", "pause"], config: config, db: db)
            #expect(paused.out == "sending paused globally\n", "\(paused.err)")
            try await ServerPostgres.withStore(url: url) { store in
                let pauses = try await store.dispatchPauses()
                #expect(pauses.global)
            }
            let resumed = try await Self.tocsin(["dispatch", "resume"], config: config, db: db)
            #expect(resumed.out == "sending resumed globally\n")
            let unknown = try await Self.tocsin(["dispatch", "pause", "--campaign", "nope"], config: config, db: db)
            #expect(unknown.status == 1)
            #expect(unknown.err == "tocsin: no campaign with slug 'nope'\n")
            let doubt = try await Self.tocsin(["dispatch", "in-doubt"], config: config, db: db)
            #expect(doubt.status == 0)
            #expect(doubt.err == "0 message(s) in doubt\n")
            let backup = try await Self.tocsin(["backup", directory + "/copy.sqlite"], config: config, db: db)
            #expect(backup.status == 1)
            #expect(backup.err.contains("pg_dump -Fc"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/copy.sqlite"))
        }
    }

    @Test func anUnreachableDatabaseIsOneLineForEveryCommand() async throws {
        let directory = try ServePostgresTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try ServePostgresTests.config(in: directory, database: directory + "/unused.sqlite")
        let result = try await Self.tocsin(["tokens", "list"], config: config, db: "postgresql://ops:pa55word@127.0.0.1:1/tocsin")
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("tocsin: cannot connect to PostgreSQL at postgres://ops:***@127.0.0.1:1/tocsin"))
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(!result.err.contains("pa55word"))
    }
}
