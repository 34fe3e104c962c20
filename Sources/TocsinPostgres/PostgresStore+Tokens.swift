import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: TokenStore {
    public func createToken(name: String, role: Role, tokenHash: String, now: Date) async throws -> APITokenInfo {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            guard
                let id = try await session.value(
                    """
                    INSERT INTO api_token (name, role, token_hash, created_at) VALUES (\(name), \(role.rawValue), \(tokenHash), \(nowMS))
                    RETURNING id
                    """,
                    as: Int64.self
                )
            else { throw StoreError(.invalid, "API token \(name) was not saved") }
            try await session.audit("token.create", actor: "cli", subject: "api_token:\(id)", detail: role.rawValue, at: nowMS)
            return APITokenInfo(id: id, name: name, role: role, createdAt: now, revokedAt: nil)
        }
    }

    public func token(hash tokenHash: String) async throws -> APITokenInfo? {
        try await self.read { session in
            try await session.row("SELECT * FROM api_token WHERE token_hash = \(tokenHash)").flatMap(APITokenInfo.init(row:))
        }
    }

    public func listTokens() async throws -> [APITokenInfo] {
        try await self.read { session in
            try await session.rows("SELECT * FROM api_token ORDER BY id").compactMap(APITokenInfo.init(row:))
        }
    }

    public func revokeToken(id: Int64, actor: String, now: Date) async throws {
        let nowMS = now.millisecondsSince1970
        try await self.transaction { session in
            let revoked = try await session.execute(
                "UPDATE api_token SET revoked_at = \(nowMS) WHERE id = \(id) AND revoked_at IS NULL RETURNING id"
            )
            guard revoked > 0 else {
                if try await session.row("SELECT 1 FROM api_token WHERE id = \(id)") != nil { return }
                throw StoreError(.notFound, "no API token with id \(id)")
            }
            try await session.audit("token.revoke", actor: actor, subject: "api_token:\(id)", detail: nil, at: nowMS)
        }
    }
}

extension APITokenInfo {
    init?(row: PostgresRandomAccessRow) throws {
        guard let role = Role(rawValue: try row.get("role")) else { return nil }
        self.init(
            id: try row.get("id"), name: try row.get("name"), role: role,
            createdAt: Date(millisecondsSince1970: try row.get("created_at")),
            revokedAt: try row.get("revoked_at", as: Int64?.self).map(Date.init(millisecondsSince1970:))
        )
    }
}
