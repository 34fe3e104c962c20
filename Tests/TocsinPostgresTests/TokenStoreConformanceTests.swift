import Foundation
import Testing
import TocsinCore

/// TokenStore on both engines (the SQLite store's behaviour is the reference).
struct TokenStoreConformanceTests {
    let now = Scenario.noon

    @Test(arguments: StoreEngine.allCases)
    func tokensAreFoundByHashListedAndRevokedOnce(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let info = try await store.store.createToken(name: "petition", role: .intake, tokenHash: "abc123", now: self.now)
            let other = try await store.store.createToken(name: "ops", role: .admin, tokenHash: "def456", now: self.now)
            #expect(info.id < other.id)
            #expect(try await store.store.token(hash: "abc123") == info)
            #expect(try await store.store.token(hash: "def456")?.role == .admin)
            #expect(try await store.store.token(hash: "other") == nil)
            // Only the hash is stored.
            #expect(try await store.strings("SELECT token_hash FROM api_token ORDER BY id") == ["abc123", "def456"])
            try await store.store.revokeToken(id: info.id, actor: "ana", now: self.now.addingTimeInterval(60))
            let revoked = try #require(try await store.store.token(hash: "abc123"))
            #expect(revoked.isRevoked)
            #expect(revoked.revokedAt == self.now.addingTimeInterval(60))
            // Revoking again keeps the first time and writes no second audit row.
            try await store.store.revokeToken(id: info.id, actor: "ana", now: self.now.addingTimeInterval(120))
            #expect(try await store.store.token(hash: "abc123")?.revokedAt == self.now.addingTimeInterval(60))
            #expect(try await store.store.listTokens().map(\.name) == ["petition", "ops"])
            #expect(
                try await store.strings("SELECT action || ' ' || actor || ' ' || subject FROM audit_event ORDER BY id")
                    == ["token.create cli api_token:\(info.id)", "token.create cli api_token:\(other.id)", "token.revoke ana api_token:\(info.id)"]
            )
            await #expect(throws: StoreError(.notFound, "no API token with id 999")) {
                try await store.store.revokeToken(id: 999, actor: "test", now: self.now)
            }
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aTokenHashIsUnique(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            _ = try await store.store.createToken(name: "a", role: .campaigner, tokenHash: "same", now: self.now)
            // SQLite reports the constraint as its own error, PostgreSQL as a `conflict`: both refuse it.
            await #expect(throws: (any Error).self) {
                _ = try await store.store.createToken(name: "b", role: .campaigner, tokenHash: "same", now: self.now)
            }
            #expect(try await store.store.listTokens().count == 1)
        }
    }
}
