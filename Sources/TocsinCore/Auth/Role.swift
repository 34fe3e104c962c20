import Foundation

/// What an API token may do.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// Everything.
    case admin
    /// Campaigns and alerts; no personal-data exports.
    case campaigner
    /// Read, export, resolve reviews, erase; no sending and no campaign edits.
    case compliance
    /// Petition platforms: web opt-ins only.
    case intake
}

/// A stored API token (the secret itself is never stored, only its SHA-256 hash).
public struct APITokenInfo: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var role: Role
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: Int64, name: String, role: Role, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { self.revokedAt != nil }
}

/// Stores API tokens by hash.
public protocol TokenStore: Sendable {
    func createToken(name: String, role: Role, tokenHash: String, now: Date) async throws -> APITokenInfo
    /// The token whose hash is `tokenHash`, revoked or not; nil when unknown.
    func token(hash tokenHash: String) async throws -> APITokenInfo?
    func listTokens() async throws -> [APITokenInfo]
    /// Revokes a token; throws ``StoreError`` `notFound` for an unknown id.
    func revokeToken(id: Int64, actor: String, now: Date) async throws
}
