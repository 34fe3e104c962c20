import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

/// A local stand-in for a carrier's HTTP API: it records every request and answers with scripted
/// responses, on an ephemeral loopback port.
///
/// ```swift
/// let stub = CarrierAPIStub { _ in .init(status: 201, body: #"{"sid":"SM1"}"#) }
/// try await stub.run { baseURL in /* point the adapter at baseURL */ }
/// #expect(stub.requests.first?.path == "/2010-04-01/Accounts/AC1/Messages.json")
/// ```
public final class CarrierAPIStub: Sendable {
    /// One request as the stub received it.
    public struct Recorded: Sendable, Hashable {
        public var method: String
        /// The path and query.
        public var path: String
        /// Header names in lower case; the last value wins.
        public var headers: [String: String]
        public var body: [UInt8]

        /// The body as UTF-8 text.
        public var text: String { String(decoding: self.body, as: UTF8.self) }

        /// The form fields of the body, in order (percent-decoding and `+` as space).
        public var formFields: [(String, String)] {
            self.text.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { part in
                    String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
                }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
        }
    }

    /// One scripted answer.
    public struct Answer: Sendable, Hashable {
        public var status: Int
        public var body: String
        public var contentType: String

        public init(status: Int, body: String, contentType: String = "application/json") {
            self.status = status
            self.body = body
            self.contentType = contentType
        }
    }

    private struct State {
        var requests: [Recorded] = []
        var queue: [Answer] = []
    }

    private let state = Mutex(State())
    private let fallback: @Sendable (Recorded) -> Answer

    /// - Parameter fallback: The answer when nothing is queued (usually a success).
    public init(fallback: @escaping @Sendable (Recorded) -> Answer) {
        self.fallback = fallback
    }

    /// Queues answers for the next requests, in order.
    public func enqueue(_ answers: Answer...) {
        self.state.withLock { $0.queue.append(contentsOf: answers) }
    }

    /// Every request received so far, in order.
    public var requests: [Recorded] { self.state.withLock { $0.requests } }

    /// Runs the stub on a free loopback port while `body` runs with its base URL (`http://localhost:PORT`).
    public func run<Value: Sendable>(_ body: @escaping @Sendable (String) async throws -> Value) async throws -> Value {
        let router = Router()
        router.on("**", method: .post) { request, _ in try await self.answer(request) }
        router.on("**", method: .get) { request, _ in try await self.answer(request) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            guard let port = client.port else { throw CarrierAPIStubError() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = Recorded(
            method: request.method.rawValue, path: request.uri.description, headers: headers, body: Array(buffer.readableBytesView)
        )
        let queued = self.state.withLock { state -> Answer? in
            state.requests.append(recorded)
            return state.queue.isEmpty ? nil : state.queue.removeFirst()
        }
        let answer = queued ?? self.fallback(recorded)
        return Response(
            status: .init(code: answer.status),
            headers: [.contentType: answer.contentType],
            body: .init(byteBuffer: ByteBuffer(string: answer.body))
        )
    }
}

/// The live test server started without a port.
struct CarrierAPIStubError: Error, CustomStringConvertible {
    var description: String { "the carrier API stub started without a port" }
}
