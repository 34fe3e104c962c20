import Foundation
import TocsinCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A carrier that sends nothing: it appends every message it is asked to send as one JSON line to a file,
/// so a person sees exactly what would have gone out.
///
/// Each line is `{"to","from","body","kind","campaign","created_at"}`.
public final class MockCarrier: CarrierAdapter {
    public let id = "mock"
    let descriptor: Int32
    let clock: any WallClock
    let counter = AtomicCounter()

    /// Opens (creating if needed) the outbox file for appending.
    ///
    /// - Throws: ``CarrierError`` `misconfigured` naming the file when it cannot be opened.
    public init(outboxPath: String, clock: any WallClock) throws(CarrierError) {
        let descriptor = open(outboxPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CarrierError(.misconfigured, message: "cannot open mock outbox \(outboxPath) for appending")
        }
        self.descriptor = descriptor
        self.clock = clock
    }

    deinit { close(self.descriptor) }

    public func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt {
        try self.append(MockOutboxLine(
            to: message.to.e164, from: message.from, body: message.body, kind: message.kind.rawValue,
            campaign: message.campaign, createdAt: self.clock.now
        ))
        return CarrierReceipt(carrierMessageID: "MOCK\(self.counter.next())")
    }

    /// Appends one line to the outbox file, with one `write(2)` of its bytes (no string is built).
    func append(_ outboxLine: MockOutboxLine) throws(CarrierError) {
        var line = outboxLine.jsonBytes()
        line.append(UInt8(ascii: "\n"))
        let written = line.withUnsafeBytes { write(self.descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw CarrierError(.unavailable, message: "could not append to the mock outbox")
        }
    }
}

/// One line of the mock outbox file.
public struct MockOutboxLine: Codable, Sendable, Hashable {
    public var to: String
    public var from: String
    public var body: String
    public var kind: String
    public var campaign: String?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case to, from, body, kind, campaign
        case createdAt = "created_at"
    }

    /// The line as compact JSON with keys in a fixed order and `campaign` null when absent.
    public func json() -> String {
        String(decoding: self.jsonBytes(), as: UTF8.self)
    }

    /// ``json()`` as UTF-8 bytes, built without a string or a date formatter: the mock carrier writes one
    /// per message sent.
    public func jsonBytes() -> [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(112 + self.body.utf8.count)
        line.append(contentsOf: #"{"to":"#.utf8)
        JSONText.quote(self.to, into: &line)
        line.append(contentsOf: #","from":"#.utf8)
        JSONText.quote(self.from, into: &line)
        line.append(contentsOf: #","body":"#.utf8)
        JSONText.quote(self.body, into: &line)
        line.append(contentsOf: #","kind":"#.utf8)
        JSONText.quote(self.kind, into: &line)
        line.append(contentsOf: #","campaign":"#.utf8)
        if let campaign = self.campaign { JSONText.quote(campaign, into: &line) } else { line.append(contentsOf: "null".utf8) }
        line.append(contentsOf: #","created_at":""#.utf8)
        ISO8601Timestamp.append(self.createdAt, to: &line)
        line.append(contentsOf: #""}"#.utf8)
        return line
    }

    /// Reads every line of a mock outbox file.
    public static func readAll(path: String) throws -> [MockOutboxLine] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try text.split(separator: "\n").map { try decoder.decode(MockOutboxLine.self, from: Data($0.utf8)) }
    }
}
