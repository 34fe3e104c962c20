import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TocsinCarriers
import TocsinCore
import TocsinServer
import TocsinStore
import TocsinTesting

/// A Tocsin whose carrier is built from the configuration (Twilio, Telnyx or a route) and aimed at local
/// API stubs, for webhook and end-to-end tests.
struct CarrierTestApp {
    static let twilioSID = "AC0123456789abcdef0123456789abcdef"
    /// Made up: the seed of Fixtures/make_telnyx_vectors.py.
    static let telnyxKey = try! Curve25519.Signing.PrivateKey(rawRepresentation: (0..<32).map { UInt8($0) })
    let services: TocsinServices
    let clock: MockClock

    init(values extra: [String: String]) async throws {
        var values = ConfigValues()
        values.set("organisation.brand", "RightsAlert")
        values.set("organisation.support_contact", "help@rights.example.org")
        values.set("organisation.senders", "+14155550100")
        values.set("paths.keywords", Fixtures.keywordsDirectory)
        values.set("paths.compliance", Fixtures.complianceDirectory)
        values.set("server.public_url", TestApp.publicURL)
        values.set("twilio.account_sid", Self.twilioSID)
        values.set("twilio.auth_token", TestApp.twilioToken)
        values.set("telnyx.api_key", "KEY0123456789NOTREAL")
        values.set("telnyx.public_key", Self.telnyxKey.publicKey.rawRepresentation.base64EncodedString())
        values.set("dispatch.quiet_hours_weekday", "00:00-24:00")
        values.set("dispatch.quiet_hours_weekend", "00:00-24:00")
        for (key, value) in extra { values.set(key, value) }
        var config = try TocsinConfig(values)
        config.campaigns = [Fixtures.rights]
        // Monday 2026-11-23 12:00 in New York: inside every US window of the policies.
        self.clock = MockClock(Date(timeIntervalSince1970: 1_795_453_200))
        self.services = try await TocsinServices.make(
            config: config, clock: self.clock, store: try SQLiteStore.inMemory(), logger: Logger(label: "test")
        )
    }

    var application: some ApplicationProtocol { Application(router: buildRouter(self.services)) }

    /// A signed Twilio form post to `path`.
    static func twilioPost(_ client: some TestClientProtocol, _ path: String, _ fields: [(String, String)], sign: Bool = true) async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if sign {
            headers[.init("X-Twilio-Signature")!] = TwilioSignature(authToken: TestApp.twilioToken).compute(url: TestApp.publicURL + path, parameters: fields)
        }
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: FormBody.encode(fields))) {
            ($0.status, String(buffer: $0.body))
        }
    }

    /// A Telnyx webhook post, signed at `signedAt` (or with a tampered body when `tamper` is set).
    static func telnyxPost(_ client: some TestClientProtocol, _ json: String, signedAt: Date, tamper: Bool = false) async throws -> (HTTPResponse.Status, String) {
        let timestamp = String(Int(signedAt.timeIntervalSince1970))
        let signature = try Self.telnyxKey.signature(for: Array("\(timestamp)|\(json)".utf8)).base64EncodedString()
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.init("telnyx-signature-ed25519")!] = signature
        headers[.init("telnyx-timestamp")!] = timestamp
        let body = tamper ? json.replacingOccurrences(of: "STOP", with: "HELP") : json
        return try await client.execute(uri: "/webhooks/telnyx/sms", method: .post, headers: headers, body: ByteBuffer(string: body)) {
            ($0.status, String(buffer: $0.body))
        }
    }

    static func telnyxInbound(from: String, text: String, id: String) -> String {
        #"{"data":{"event_type":"message.received","id":"evt-\#(id)","payload":{"id":"\#(id)","direction":"inbound","text":"\#(text)","from":{"phone_number":"\#(from)"},"to":[{"phone_number":"+14155550100"}]}}}"#
    }

    static func telnyxReceipt(id: String, status: String, code: String? = nil) -> String {
        let errors = code.map { #"[{"code":"\#($0)"}]"# } ?? "[]"
        return #"{"data":{"event_type":"message.finalized","id":"evt-r-\#(id)","payload":{"id":"\#(id)","to":[{"phone_number":"+12125550401","status":"\#(status)"}],"errors":\#(errors)}}}"#
    }
}
