import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

struct TwilioWebhookTests {
    let path = "/webhooks/twilio/sms"

    func fields(body: String, sid: String, from: String = "+12125550401", extra: [(String, String)] = []) -> [(String, String)] {
        [("AccountSid", "AC00000000000000000000000000000000"), ("Body", body), ("From", from), ("MessageSid", sid),
         ("NumMedia", "0"), ("To", "+14155550100")] + extra
    }

    func post(_ client: some TestClientProtocol, _ fields: [(String, String)], signature: String?) async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let signature { headers[.init("X-Twilio-Signature")!] = signature }
        return try await client.execute(uri: self.path, method: .post, headers: headers, body: ByteBuffer(bytes: FormBody.encode(fields))) {
            ($0.status, String(buffer: $0.body))
        }
    }

    func sign(_ fields: [(String, String)]) -> String {
        TwilioSignature(authToken: TestApp.twilioToken).compute(url: TestApp.publicURL + self.path, parameters: fields)
    }

    @Test func aSignedJoinIsAnsweredWithTwiML() async throws {
        let app = try await TestApp()
        let fields = self.fields(body: "RIGHTS", sid: "SM1")
        try await app.application.test(.router) { client in
            let (status, body) = try await self.post(client, fields, signature: self.sign(fields))
            #expect(status == .ok)
            #expect(body.hasPrefix("<?xml"))
            #expect(body.contains("<Message>"))
            #expect(body.contains("Rights Alerts"))
        }
        // TwiML replies leave in the response, not through the carrier adapter, and are recorded as sent.
        #expect(app.carrier.sent.isEmpty)
        let outbound = try await app.services.store.outbound(to: PhoneNumber(e164: "+12125550401")!)
        #expect(outbound.map(\.status) == ["sent"])
    }

    @Test func aWrongOrMissingSignatureIs403AndNothingIsStored() async throws {
        let app = try await TestApp()
        let fields = self.fields(body: "STOP", sid: "SM2")
        var changed = fields
        changed[1] = ("Body", "START")
        let tampered = changed
        try await app.application.test(.router) { client in
            let missing = try await self.post(client, fields, signature: nil).0
            let wrong = try await self.post(client, fields, signature: "bm90IGEgc2lnbmF0dXJl").0
            let replayed = try await self.post(client, tampered, signature: self.sign(fields)).0
            #expect(missing == .forbidden)
            #expect(wrong == .forbidden)
            #expect(replayed == .forbidden)
        }
        #expect(try await app.services.store.rowCount("inbound_message") == 0)
        #expect(try await app.services.store.rowCount("suppression") == 0)
    }

    @Test func twilioAdvancedOptOutIsRecordedWithoutASecondConfirmation() async throws {
        let app = try await TestApp()
        let fields = self.fields(body: "STOP", sid: "SM3", extra: [("OptOutType", "STOP")])
        try await app.application.test(.router) { client in
            let (status, body) = try await self.post(client, fields, signature: self.sign(fields))
            #expect(status == .ok)
            #expect(!body.contains("<Message>"))
        }
        #expect(try await app.services.store.isSuppressed(PhoneNumber(e164: "+12125550401")!))
    }

    @Test func aStopIsConfirmedOnceEvenWhenTwilioRetries() async throws {
        let app = try await TestApp()
        let fields = self.fields(body: "Stop please", sid: "SM4")
        try await app.application.test(.router) { client in
            let first = try await self.post(client, fields, signature: self.sign(fields))
            let retry = try await self.post(client, fields, signature: self.sign(fields))
            #expect(first.1.contains("<Message>"))
            #expect(!retry.1.contains("<Message>"))
        }
        #expect(try await app.services.store.rowCount("inbound_message") == 1)
    }

    @Test func missingFieldsAreRejected() async throws {
        let app = try await TestApp()
        let fields: [(String, String)] = [("Body", "STOP"), ("MessageSid", "SM5")]
        try await app.application.test(.router) { client in
            let (status, body) = try await self.post(client, fields, signature: self.sign(fields))
            #expect(status == .badRequest)
            #expect(body.contains("From"))
        }
    }
}
