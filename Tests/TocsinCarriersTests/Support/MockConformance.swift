import Foundation
import TocsinCore
import TocsinTesting

/// The mock carrier (the scripted one tests use): no HTTP, no receipts, no webhook signatures (its
/// webhook is unauthenticated by design). It takes the same send and error-propagation tests.
struct MockConformance: ConformanceCarrier {
    let name = "mock"

    func withAdapter(timeoutSeconds: Int, _ body: @escaping @Sendable (any CarrierAdapter, ConformanceWire) async throws -> Void) async throws {
        let carrier = ScriptedCarrier()
        try await body(carrier, ConformanceWire(scripted: carrier))
    }

    func lastSend(_ wire: ConformanceWire) -> CapturedSend? {
        guard let sms = wire.scripted?.sent.last else { return nil }
        return CapturedSend(
            method: "SEND", path: "mock", authorization: nil, contentType: nil,
            fields: ["to": sms.to.e164, "from": sms.from, "body": sms.body, "kind": sms.kind.rawValue]
        )
    }

    func expectedSend(_ sms: OutboundSMS) -> CapturedSend {
        CapturedSend(
            method: "SEND", path: "mock", authorization: nil, contentType: nil,
            fields: ["to": sms.to.e164, "from": sms.from, "body": sms.body, "kind": sms.kind.rawValue]
        )
    }

    var errorCases: [ErrorCase] {
        [CarrierError.Kind.rejected, .recipientOptedOut, .rateLimited, .unavailable, .misconfigured].map { kind in
            ErrorCase(
                label: kind.rawValue, script: { $0.fail(CarrierError(kind, code: "M1", message: "scripted")) }, kind: kind, code: "M1"
            )
        }
    }

    var receiptCases: [ReceiptCase] { [] }

    func receipt(from payload: [UInt8]) throws -> DeliveryReceipt? { nil }

    func signedHeaders(_ body: [UInt8], now: Date) -> [String: String]? { nil }

    func verify(headers: [String: String], body: [UInt8], now: Date) -> Bool { false }
}
