import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: TokenStore {
    public func createToken(name: String, role: Role, tokenHash: String, now: Date) async throws -> APITokenInfo {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            try db.execute(
                sql: "INSERT INTO api_token (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, role.rawValue, tokenHash, nowMS]
            )
            let id = db.lastInsertedRowID
            try db.audit("token.create", actor: "cli", subject: "api_token:\(id)", detail: role.rawValue, at: nowMS)
            return APITokenInfo(id: id, name: name, role: role, createdAt: now, revokedAt: nil)
        }
    }

    public func token(hash tokenHash: String) async throws -> APITokenInfo? {
        try await self.writer.read { db in
            try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM api_token WHERE token_hash = ?"), arguments: [tokenHash]
            ).flatMap(APITokenInfo.init(row:))
        }
    }

    public func listTokens() async throws -> [APITokenInfo] {
        try await self.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY id").compactMap(APITokenInfo.init(row:))
        }
    }

    public func revokeToken(id: Int64, actor: String, now: Date) async throws {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            try db.execute(
                sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [nowMS, id]
            )
            guard db.changesCount > 0 else {
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM api_token WHERE id = ?", arguments: [id]) ?? false
                if exists { return }
                throw StoreError(.notFound, "no API token with id \(id)")
            }
            try db.audit("token.revoke", actor: actor, subject: "api_token:\(id)", detail: nil, at: nowMS)
        }
    }
}

extension APITokenInfo {
    init?(row: Row) {
        guard let role = Role(rawValue: row["role"]) else { return nil }
        self.init(
            id: row["id"], name: row["name"], role: role, createdAt: Date(millisecondsSince1970: row["created_at"]),
            revokedAt: (row["revoked_at"] as Int64?).map(Date.init(millisecondsSince1970:))
        )
    }
}
