import Crypto
import Foundation
import TocsinCarriers
import TocsinCore
import TocsinTesting

struct TelnyxConformance: ConformanceCarrier {
    let name = "telnyx"
    /// Made up: the same seed as make_telnyx_vectors.py.
    static let privateKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: (0..<32).map { UInt8($0) })
    static let credentials = TelnyxCredentials(
        apiKey: "KEY0123456789NOTREAL", publicKey: privateKey.publicKey.rawRepresentation.base64EncodedString()
    )
    static let webhook = "https://tocsin.example.org/webhooks/telnyx/sms"

    func withAdapter(timeoutSeconds: Int, _ body: @escaping @Sendable (any CarrierAdapter, ConformanceWire) async throws -> Void) async throws {
        let stub = CarrierAPIStub { _ in .init(status: 200, body: #"{"data":{"id":"40317f4b-0000-4000-8000-00000000abcd","record_type":"message"}}"#) }
        try await stub.run { base in
            let adapter = TelnyxMessages(
                credentials: Self.credentials, apiBaseURL: base, webhookURL: Self.webhook, http: CarrierHTTP(timeoutSeconds: timeoutSeconds)
            )
            try await body(adapter, ConformanceWire(stub: stub))
        }
    }

    func lastSend(_ wire: ConformanceWire) -> CapturedSend? {
        guard let request = wire.stub?.requests.last else { return nil }
        return CapturedSend(
            method: request.method, path: request.path, authorization: request.headers["authorization"],
            contentType: request.headers["content-type"], fields: Conformance.json(request.body)
        )
    }

    func expectedSend(_ sms: OutboundSMS) -> CapturedSend {
        CapturedSend(
            method: "POST", path: "/v2/messages", authorization: "Bearer \(Self.credentials.apiKey)", contentType: "application/json",
            fields: ["from": sms.from, "to": sms.to.e164, "text": sms.body, "webhook_url": Self.webhook]
        )
    }

    var errorCases: [ErrorCase] {
        func telnyx(_ status: Int, _ code: String?, _ kind: CarrierError.Kind) -> ErrorCase {
            let body = code.map { #"{"errors":[{"code":"\#($0)","title":"t","detail":"Messages cannot be sent from +14155550100 to +12125550401"}]}"# } ?? "oops"
            return ErrorCase(label: "HTTP \(status) code \(code ?? "none")", script: { $0.answer(status, body) }, kind: kind, code: code)
        }
        return [
            telnyx(409, "40300", .recipientOptedOut), telnyx(400, "40310", .rejected), telnyx(422, "10002", .rejected),
            telnyx(401, "10009", .misconfigured), telnyx(429, "10011", .rateLimited), telnyx(429, nil, .rateLimited),
            telnyx(500, "10007", .unavailable), telnyx(502, nil, .unavailable), telnyx(400, "40305", .misconfigured),
            telnyx(403, nil, .misconfigured), telnyx(422, "99999", .rejected),
        ]
    }

    var receiptCases: [ReceiptCase] {
        func event(_ type: String, _ status: String, _ code: String? = nil) -> [UInt8] {
            let errors = code.map { #"[{"code":"\#($0)","title":"Blocked due to STOP message"}]"# } ?? "[]"
            return Array(
                #"{"data":{"event_type":"\#(type)","id":"e1","payload":{"id":"m1","to":[{"phone_number":"+12125550401","status":"\#(status)"}],"errors":\#(errors)}}}"#.utf8
            )
        }
        return [
            ReceiptCase(label: "sent", payload: event("message.sent", "sent"), state: .sent, optedOut: false),
            ReceiptCase(label: "delivered", payload: event("message.finalized", "delivered"), state: .delivered, optedOut: false),
            ReceiptCase(label: "delivery_failed", payload: event("message.finalized", "delivery_failed", "40008"), state: .undelivered, optedOut: false),
            ReceiptCase(label: "sending_failed 40300", payload: event("message.finalized", "sending_failed", "40300"), state: .failed, optedOut: true),
            ReceiptCase(label: "expired", payload: event("message.finalized", "expired"), state: .undelivered, optedOut: false),
            ReceiptCase(label: "unknown status", payload: event("message.finalized", "webhook_delivered"), state: nil, optedOut: false),
        ]
    }

    func receipt(from payload: [UInt8]) throws -> DeliveryReceipt? {
        guard case .receipt(let receipt) = try TelnyxEvent.parse(payload) else { return nil }
        return receipt
    }

    func signedHeaders(_ body: [UInt8], now: Date) -> [String: String]? {
        let timestamp = String(Int(now.timeIntervalSince1970))
        let signature = try! Self.privateKey.signature(for: Array("\(timestamp)|".utf8) + body)
        return ["telnyx-signature-ed25519": signature.base64EncodedString(), "telnyx-timestamp": timestamp]
    }

    func verify(headers: [String: String], body: [UInt8], now: Date) -> Bool {
        TelnyxSignature(publicKey: Self.credentials.publicKey!)!.isValid(
            signature: headers["telnyx-signature-ed25519"], timestamp: headers["telnyx-timestamp"], body: body, now: now
        )
    }
}
