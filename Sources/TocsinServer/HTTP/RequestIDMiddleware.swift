import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id: the caller's `X-Request-Id` when it is a short token, else Hummingbird's
/// own. The id goes into every log line of the request (`request_id`) and back in the `X-Request-Id`
/// response header, errors included, so a supporter's complaint can be traced through the logs.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = TocsinRequestContext
    static let header = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.header].flatMap(Self.accepted) ?? context.id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
            if response.status.code >= 500 {
                context.logger.error("request failed", metadata: ["status": "\(response.status.code)", "path": "\(request.uri.path)"])
            }
        }
        response.headers[Self.header] = id
        return response
    }

    /// A caller-supplied id is kept only when it is 1–64 characters of letters, digits, `-`, `_` and `.`.
    static func accepted(_ value: String) -> String? {
        guard (1...64).contains(value.utf8.count),
            value.utf8.allSatisfy({ byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            })
        else { return nil }
        return value
    }
}
