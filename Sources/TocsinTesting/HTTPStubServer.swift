import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A tiny HTTP server on an ephemeral loopback port that records every request and answers from a script,
/// standing in for a carrier's API in tests.
public final class HTTPStubServer: Sendable {
    /// One request as the stub received it.
    public struct Request: Sendable, Hashable {
        public var method: String
        public var uri: String
        public var headers: [String: String]
        public var body: String

        /// The form fields of the body, in order (percent-decoding and `+` as space).
        public var formFields: [(String, String)] {
            self.body.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { part in
                    String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
                }
                return (parts[0], parts.count > 1 ? parts[1] : "")
            }
        }
    }

    /// One scripted answer.
    public struct Answer: Sendable {
        public var status: Int
        public var body: String
        public init(status: Int, body: String) {
            self.status = status
            self.body = body
        }
    }

    private let channel: any Channel
    private let state: StubState

    /// The port it listens on (127.0.0.1).
    public let port: Int
    public var baseURL: String { "http://127.0.0.1:\(self.port)" }

    /// Starts listening; `fallback` answers every request once the scripted answers are used up.
    public init(fallback: Answer) async throws {
        let state = StubState(fallback: fallback)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(StubHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.channel = channel
        self.state = state
        self.port = channel.localAddress?.port ?? 0
    }

    /// Queues answers for the next requests, in order.
    public func enqueue(_ answers: Answer...) {
        self.state.lock.withLock { $0.answers.append(contentsOf: answers) }
    }

    /// Every request so far, in order.
    public var requests: [Request] { self.state.lock.withLock { $0.requests } }

    /// Stops listening.
    public func shutdown() async {
        try? await self.channel.close()
    }
}

/// The stub's requests and answers, shared with its channel handlers.
final class StubState: Sendable {
    struct Value {
        var requests: [HTTPStubServer.Request] = []
        var answers: [HTTPStubServer.Answer] = []
        var fallback: HTTPStubServer.Answer
    }
    let lock: Mutex<Value>
    init(fallback: HTTPStubServer.Answer) { self.lock = Mutex(Value(fallback: fallback)) }

    func answer(_ request: HTTPStubServer.Request) -> HTTPStubServer.Answer {
        self.lock.withLock { value in
            value.requests.append(request)
            return value.answers.isEmpty ? value.fallback : value.answers.removeFirst()
        }
    }
}

private final class StubHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let state: StubState
    var head: HTTPRequestHead?
    var body = ByteBuffer()

    init(state: StubState) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body.clear()
        case .body(var part):
            self.body.writeBuffer(&part)
        case .end:
            guard let head = self.head else { return }
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name.lowercased()] = value }
            let request = HTTPStubServer.Request(
                method: head.method.rawValue, uri: head.uri, headers: headers, body: String(buffer: self.body)
            )
            let answer = self.state.answer(request)
            var responseHeaders = HTTPHeaders()
            responseHeaders.add(name: "Content-Type", value: "application/json")
            responseHeaders.add(name: "Content-Length", value: String(answer.body.utf8.count))
            let responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: answer.status), headers: responseHeaders)
            context.write(self.wrapOutboundOut(.head(responseHead)), promise: nil)
            context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer.body)))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
