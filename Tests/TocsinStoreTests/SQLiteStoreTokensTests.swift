import Foundation
import Testing
import TocsinCore
@testable import TocsinStore

struct SQLiteStoreTokensTests {
    @Test func tokensAreFoundByHashAndRevoked() async throws {
        let store = try SQLiteStore.inMemory()
        let now = Date(timeIntervalSince1970: 1_795_262_400)
        let info = try await store.createToken(name: "petition", role: .intake, tokenHash: "abc123", now: now)
        #expect(try await store.token(hash: "abc123")?.role == .intake)
        #expect(try await store.token(hash: "other") == nil)
        try await store.revokeToken(id: info.id, actor: "test", now: now)
        #expect(try await store.token(hash: "abc123")?.isRevoked == true)
        #expect(try await store.listTokens().count == 1)
        await #expect {
            try await store.revokeToken(id: 999, actor: "test", now: now)
        } throws: { error in
            (error as? StoreError)?.kind == .notFound
        }
    }
}
