import Hummingbird
import TocsinCore

/// The per-request context: Hummingbird's core storage plus the authenticated API token, if any.
public struct TocsinRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``TokenAuthMiddleware`` for a valid, unrevoked bearer token.
    public var identity: APITokenInfo?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
    }

    public var maxUploadSize: Int { 64 * 1024 }
}

extension Request {
    /// The whole body, refusing bodies over `limit` bytes with a 413 JSON error.
    mutating func readBody(limit: Int) async throws -> ByteBuffer {
        do {
            return try await self.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit)
        }
    }
}
