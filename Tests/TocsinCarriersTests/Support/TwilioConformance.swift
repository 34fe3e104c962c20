import Foundation
import TocsinCarriers
import TocsinCore
import TocsinTesting

struct TwilioConformance: ConformanceCarrier {
    let name = "twilio"
    static let credentials = TwilioCredentials(accountSID: "AC0123456789abcdef0123456789abcdef", authToken: "tok3n-not-real-0123456789abcdef")
    static let callback = "https://tocsin.example.org/webhooks/twilio/status"

    func withAdapter(timeoutSeconds: Int, _ body: @escaping @Sendable (any CarrierAdapter, ConformanceWire) async throws -> Void) async throws {
        let stub = CarrierAPIStub { _ in .init(status: 201, body: #"{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued"}"#) }
        try await stub.run { base in
            let clock = MockClock(Conformance.now)
            let adapter = TwilioMessages(
                credentials: Self.credentials, apiBaseURL: base, statusCallbackURL: Self.callback,
                http: CarrierHTTP(timeoutSeconds: timeoutSeconds), clock: clock
            )
            try await body(adapter, ConformanceWire(stub: stub))
        }
    }

    func lastSend(_ wire: ConformanceWire) -> CapturedSend? {
        guard let request = wire.stub?.requests.last else { return nil }
        let fields = (try? FormBody.parse(request.body)) ?? []
        return CapturedSend(
            method: request.method, path: request.path, authorization: request.headers["authorization"],
            contentType: request.headers["content-type"], fields: Dictionary(fields, uniquingKeysWith: { first, _ in first })
        )
    }

    func expectedSend(_ sms: OutboundSMS) -> CapturedSend {
        CapturedSend(
            method: "POST", path: "/2010-04-01/Accounts/\(Self.credentials.accountSID)/Messages.json",
            authorization: "Basic " + Data("\(Self.credentials.accountSID):\(Self.credentials.authToken)".utf8).base64EncodedString(),
            contentType: "application/x-www-form-urlencoded",
            fields: ["To": sms.to.e164, "From": sms.from, "Body": sms.body, "StatusCallback": Self.callback, "ValidityPeriod": "3600"]
        )
    }

    var errorCases: [ErrorCase] {
        func twilio(_ status: Int, _ code: Int?, _ kind: CarrierError.Kind) -> ErrorCase {
            let body = code.map { #"{"code":\#($0),"message":"The 'To' number +12125550401 is not valid","status":\#(status)}"# } ?? "oops"
            return ErrorCase(label: "HTTP \(status) code \(code.map(String.init) ?? "none")", script: { $0.answer(status, body) }, kind: kind, code: code.map(String.init))
        }
        return [
            twilio(400, 21211, .rejected), twilio(400, 21610, .recipientOptedOut), twilio(400, 21614, .rejected),
            twilio(400, 21408, .rejected), twilio(401, 20003, .misconfigured), twilio(429, 20429, .rateLimited),
            twilio(429, nil, .rateLimited), twilio(500, nil, .unavailable), twilio(503, nil, .unavailable),
            twilio(400, 30007, .rejected), twilio(404, 20404, .misconfigured), twilio(400, 99999, .rejected),
        ]
    }

    var receiptCases: [ReceiptCase] {
        func callback(_ status: String, _ code: String? = nil) -> [UInt8] {
            var fields = [("AccountSid", Self.credentials.accountSID), ("MessageSid", "SM1"), ("MessageStatus", status), ("To", "+12125550401")]
            if let code { fields.append(("ErrorCode", code)) }
            return FormBody.encode(fields)
        }
        return [
            ReceiptCase(label: "queued", payload: callback("queued"), state: .queued, optedOut: false),
            ReceiptCase(label: "sent", payload: callback("sent"), state: .sent, optedOut: false),
            ReceiptCase(label: "delivered", payload: callback("delivered"), state: .delivered, optedOut: false),
            ReceiptCase(label: "undelivered 30003", payload: callback("undelivered", "30003"), state: .undelivered, optedOut: false),
            ReceiptCase(label: "failed 21610", payload: callback("failed", "21610"), state: .failed, optedOut: true),
            ReceiptCase(label: "received (inbound)", payload: callback("received"), state: nil, optedOut: false),
        ]
    }

    func receipt(from payload: [UInt8]) throws -> DeliveryReceipt? {
        try TwilioStatus.receipt(from: FormBody.parse(payload))
    }

    func signedHeaders(_ body: [UInt8], now: Date) -> [String: String]? {
        let fields = (try? FormBody.parse(body)) ?? []
        return ["x-twilio-signature": TwilioSignature(authToken: Self.credentials.authToken).compute(url: Self.callback, parameters: fields)]
    }

    func verify(headers: [String: String], body: [UInt8], now: Date) -> Bool {
        guard let fields = try? FormBody.parse(body) else { return false }
        return TwilioSignature(authToken: Self.credentials.authToken).isValid(headers["x-twilio-signature"], url: Self.callback, parameters: fields)
    }
}
