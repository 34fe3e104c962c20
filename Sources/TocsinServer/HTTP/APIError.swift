import Foundation
import Hummingbird
import TocsinCore

/// An error answered as JSON: `{"error":{"code":"…","message":"…"}}` with a 4xx or 5xx status.
public struct APIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badRequest(_ message: String) -> APIError { .init(.badRequest, "bad_request", message) }
    public static func invalid(_ message: String) -> APIError { .init(.unprocessableContent, "invalid", message) }
    public static func notFound(_ message: String) -> APIError { .init(.notFound, "not_found", message) }
    public static func unauthorized(_ message: String) -> APIError { .init(.unauthorized, "unauthorized", message) }
    public static func forbidden(_ message: String) -> APIError { .init(.forbidden, "forbidden", message) }
    public static func tooLarge(_ limit: Int) -> APIError {
        .init(.contentTooLarge, "too_large", "request body is larger than \(limit) bytes")
    }

    /// Maps a store error to its HTTP form.
    public init(_ error: StoreError) {
        switch error.kind {
        case .notFound: self = .notFound(error.message)
        case .conflict: self = .init(.conflict, "conflict", error.message)
        case .invalid: self = .invalid(error.message)
        case .unavailable: self = .init(.serviceUnavailable, "unavailable", "the store is unavailable; retry later")
        }
    }

    public var description: String { "\(self.status.code) \(self.code): \(self.message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSON.object(["error": .object(["code": .string(self.code), "message": .string(self.message)])])
        return Response(
            status: self.status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: body.text))
        )
    }
}
