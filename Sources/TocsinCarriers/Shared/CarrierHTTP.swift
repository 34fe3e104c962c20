import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TocsinCore

/// The HTTP client carrier adapters call their APIs with: one POST, the whole answer, and every transport
/// failure (connection refused, TLS, timeout) turned into a retryable ``CarrierError``.
///
/// Nothing here is logged; request bodies carry phone numbers and headers carry credentials.
public struct CarrierHTTP: Sendable {
    /// One HTTP answer.
    public struct Answer: Sendable, Hashable {
        public var status: Int
        public var body: [UInt8]
    }

    let client: HTTPClient
    let timeout: TimeAmount
    /// The largest answer read (carrier answers are small JSON documents).
    let maxAnswerBytes = 1 << 20

    /// - Parameters:
    ///   - client: The shared AsyncHTTPClient (``HTTPClient/shared`` by default; it is never shut down here).
    ///   - timeoutSeconds: The most a call may take, connection included.
    public init(client: HTTPClient = .shared, timeoutSeconds: Int = 15) {
        self.client = client
        self.timeout = .seconds(Int64(timeoutSeconds))
    }

    /// POSTs `body` to `url` and returns the status and body.
    ///
    /// - Parameter carrier: The carrier's name, for error messages.
    /// - Throws: ``CarrierError`` `unavailable` when no answer came back (retryable).
    public func post(url: String, headers: [(String, String)], body: [UInt8], carrier: String) async throws(CarrierError) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await self.client.execute(request, timeout: self.timeout)
            let buffer = try await response.body.collect(upTo: self.maxAnswerBytes)
            return Answer(status: Int(response.status.code), body: Array(buffer.readableBytesView))
        } catch let error as HTTPClientError {
            throw CarrierError(.unavailable, message: "\(carrier) API did not answer: \(error)")
        } catch {
            throw CarrierError(.unavailable, message: "\(carrier) API did not answer: \(type(of: error))")
        }
    }
}
