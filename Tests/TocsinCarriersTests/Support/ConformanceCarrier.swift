import Crypto
import Foundation
import TocsinCarriers
import TocsinCore
import TocsinTesting

/// One send as it went over the wire, flattened for comparison across carriers.
struct CapturedSend: Sendable, Hashable {
    var method: String
    var path: String
    var authorization: String?
    var contentType: String?
    var fields: [String: String]
}

/// A scripted error and the ``CarrierError`` the adapter must turn it into.
struct ErrorCase: Sendable {
    var label: String
    var script: @Sendable (ConformanceWire) -> Void
    var kind: CarrierError.Kind
    var code: String?
}

/// A status callback and the receipt it must read as.
struct ReceiptCase: Sendable {
    var label: String
    var payload: [UInt8]
    var state: DeliveryState?
    var optedOut: Bool
}

/// What a carrier's adapter talks to during a test: the HTTP stub, or for the mock its own script.
struct ConformanceWire: Sendable {
    var stub: CarrierAPIStub?
    var scripted: ScriptedCarrier?

    func answer(_ status: Int, _ body: String) {
        self.stub?.enqueue(.init(status: status, body: body))
    }

    func fail(_ error: CarrierError) {
        self.scripted?.failNext(error)
    }
}

/// Everything the conformance suite needs to know about one carrier.
protocol ConformanceCarrier: Sendable {
    var name: String { get }
    /// Runs `body` with the adapter aimed at its wire (a stub on a loopback port, or the mock's script); HTTP
    /// adapters give up on a call after `timeoutSeconds`.
    func withAdapter(timeoutSeconds: Int, _ body: @escaping @Sendable (any CarrierAdapter, ConformanceWire) async throws -> Void) async throws
    /// The last send, as captured on the wire.
    func lastSend(_ wire: ConformanceWire) -> CapturedSend?
    /// The send `sms` must make.
    func expectedSend(_ sms: OutboundSMS) -> CapturedSend
    var errorCases: [ErrorCase] { get }
    var receiptCases: [ReceiptCase] { get }
    func receipt(from payload: [UInt8]) throws -> DeliveryReceipt?
    /// Headers that sign a webhook `body` at `now`, as the carrier would send them (nil: no signature scheme).
    func signedHeaders(_ body: [UInt8], now: Date) -> [String: String]?
    func verify(headers: [String: String], body: [UInt8], now: Date) -> Bool
}

enum Conformance {
    static let carriers: [any ConformanceCarrier] = [TwilioConformance(), TelnyxConformance(), MockConformance()]

    static let sms = OutboundSMS(
        id: 7, to: PhoneNumber(e164: "+12125550401")!, from: "+14155550100", body: "Ana faces execution. Call now: https://x.example/a?b=1&c=é",
        kind: .alert, campaign: "rights", expiresAt: Date(timeIntervalSince1970: 1_800_000_000 + 3_600.5)
    )
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func json(_ bytes: [UInt8]) -> [String: String] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return [:] }
        return object.mapValues { "\($0)" }
    }
}

extension ConformanceCarrier {
    /// The adapter with a generous timeout: the tests check how answers map, and a loaded machine must not turn
    /// a slow local stub into an `unavailable` error.
    func withAdapter(_ body: @escaping @Sendable (any CarrierAdapter, ConformanceWire) async throws -> Void) async throws {
        try await self.withAdapter(timeoutSeconds: 60, body)
    }
}
