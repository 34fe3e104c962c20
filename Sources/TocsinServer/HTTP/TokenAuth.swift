import Crypto
import Foundation
import Hummingbird
import TocsinCore

/// API tokens: random secrets shown once, stored as SHA-256 hashes.
public enum APIToken {
    /// A new random token: `tcs_` followed by 43 base64url characters (256 bits).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "tcs_" + text
    }

    /// The hex SHA-256 of a token, the only form the store keeps.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// Reads `Authorization: Bearer …` and sets the context's identity when the token is valid.
///
/// A route then calls ``TocsinRequestContext/require(_:)`` with the roles it accepts.
struct TokenAuthMiddleware: RouterMiddleware {
    typealias Context = TocsinRequestContext
    let tokens: any TokenStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
            if let info = try await self.tokens.token(hash: APIToken.hash(token)), !info.isRevoked {
                context.identity = info
            } else {
                throw APIError.unauthorized("the bearer token is unknown or revoked; create one with `tocsin tokens create`")
            }
        }
        return try await next(request, context)
    }
}

extension TocsinRequestContext {
    /// The caller's token when its role is one of `roles` (admin is always allowed).
    ///
    /// - Throws: 401 without a token, 403 with a token of another role.
    func require(_ roles: Role...) throws -> APITokenInfo {
        guard let identity = self.identity else {
            throw APIError.unauthorized("this endpoint needs `Authorization: Bearer <token>`")
        }
        guard identity.role == .admin || roles.contains(identity.role) else {
            throw APIError.forbidden("a token with role \(identity.role.rawValue) may not call this endpoint")
        }
        return identity
    }
}
