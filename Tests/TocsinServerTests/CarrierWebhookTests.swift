import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

/// `/webhooks/twilio/status` and `/webhooks/telnyx/sms` against stubs of both carriers' APIs.
struct CarrierWebhookTests {
    static let okTwilio = CarrierAPIStub.Answer(status: 201, body: #"{"sid":"SMreply1"}"#)
    static let okTelnyx = CarrierAPIStub.Answer(status: 200, body: #"{"data":{"id":"tx-reply-1"}}"#)

    @Test func aTwilioStatusCallbackNeedsItsSignatureAndMovesTheMessage() async throws {
        let stub = CarrierAPIStub { _ in Self.okTwilio }
        try await stub.run { base in
            let app = try await CarrierTestApp(values: ["carrier.kind": "twilio", "twilio.api_base_url": base])
            let phone = PhoneNumber(e164: "+12125550401")!
            // A HELP through the Telnyx webhook queues a reply that goes out through the configured carrier (Twilio).
            try await app.application.test(.router) { client in
                let help = try await CarrierTestApp.telnyxPost(client, CarrierTestApp.telnyxInbound(from: phone.e164, text: "HELP", id: "in1"), signedAt: app.clock.now)
                #expect(help.0 == .ok)
                let callback = [("MessageSid", "SMreply1"), ("MessageStatus", "delivered"), ("AccountSid", CarrierTestApp.twilioSID)]
                let unsigned = try await CarrierTestApp.twilioPost(client, "/webhooks/twilio/status", callback, sign: false)
                #expect(unsigned.0 == .forbidden)
                let before = try await app.services.store.outbound(to: phone).map(\.status)
                #expect(before == ["sent"])
                let signed = try await CarrierTestApp.twilioPost(client, "/webhooks/twilio/status", callback)
                #expect(signed.0 == .ok)
                #expect(signed.1.contains(#""status":"applied""#))
                let late = try await CarrierTestApp.twilioPost(client, "/webhooks/twilio/status", [("MessageSid", "SMreply1"), ("MessageStatus", "sent")])
                #expect(late.1.contains(#""status":"ignored""#))
                let unknown = try await CarrierTestApp.twilioPost(client, "/webhooks/twilio/status", [("MessageSid", "SMnope"), ("MessageStatus", "delivered")])
                #expect(unknown.0 == .ok)
                #expect(unknown.1.contains(#""status":"unknown""#))
            }
            let records = try await app.services.store.outbound(to: phone)
            #expect(records.map(\.status) == ["delivered"])
            #expect(records.first?.carrier == "twilio")
            #expect(stub.requests.count == 1)
        }
    }

    @Test func aTelnyxInboundStopIsHandledAndItsConfirmationLeavesThroughTelnyx() async throws {
        let stub = CarrierAPIStub { _ in Self.okTelnyx }
        try await stub.run { base in
            let app = try await CarrierTestApp(values: ["carrier.kind": "telnyx", "telnyx.api_base_url": base])
            let phone = PhoneNumber(e164: "+12125550402")!
            try await app.application.test(.router) { client in
                let json = CarrierTestApp.telnyxInbound(from: phone.e164, text: "STOP", id: "in-stop")
                let tampered = try await CarrierTestApp.telnyxPost(client, json, signedAt: app.clock.now, tamper: true)
                let stale = try await CarrierTestApp.telnyxPost(client, json, signedAt: app.clock.now.addingTimeInterval(-301))
                #expect(tampered.0 == .forbidden)
                #expect(stale.0 == .forbidden)
                let stored = try await app.services.store.rowCount("inbound_message")
                #expect(stored == 0)
                let stop = try await CarrierTestApp.telnyxPost(client, json, signedAt: app.clock.now.addingTimeInterval(-299))
                #expect(stop.0 == .ok)
                #expect(stop.1.contains(#""status":"processed""#))
                let again = try await CarrierTestApp.telnyxPost(client, json, signedAt: app.clock.now)
                #expect(again.1.contains(#""status":"duplicate""#))
                let receipt = try await CarrierTestApp.telnyxPost(client, CarrierTestApp.telnyxReceipt(id: "tx-reply-1", status: "delivered"), signedAt: app.clock.now)
                #expect(receipt.1.contains(#""status":"applied""#))
            }
            let check1 = try await app.services.store.isSuppressed(phone)
            #expect(check1)
            let request = try #require(stub.requests.first)
            #expect(request.path == "/v2/messages")
            #expect(request.headers["authorization"] == "Bearer KEY0123456789NOTREAL")
            #expect(request.text.contains(#""to":"+12125550402""#))
            #expect(request.text.contains(#""webhook_url":"https://tocsin.example.org/webhooks/telnyx/sms""#))
            let records = try await app.services.store.outbound(to: phone)
            #expect(records.map(\.kind) == [.optOutConfirmation])
            #expect(records.map(\.status) == ["delivered"])
            #expect(records.first?.carrier == "telnyx")
        }
    }

    @Test func aTelnyxReceiptWith40300RecordsACarrierOptOut() async throws {
        let stub = CarrierAPIStub { _ in Self.okTelnyx }
        try await stub.run { base in
            let app = try await CarrierTestApp(values: ["carrier.kind": "telnyx", "telnyx.api_base_url": base])
            let phone = PhoneNumber(e164: "+12125550403")!
            try await app.application.test(.router) { client in
                _ = try await CarrierTestApp.telnyxPost(client, CarrierTestApp.telnyxInbound(from: phone.e164, text: "HELP", id: "in-h"), signedAt: app.clock.now)
                let failed = try await CarrierTestApp.telnyxPost(
                    client, CarrierTestApp.telnyxReceipt(id: "tx-reply-1", status: "sending_failed", code: "40300"), signedAt: app.clock.now
                )
                #expect(failed.0 == .ok)
            }
            let check2 = try await app.services.store.isSuppressed(phone)
            #expect(check2)
            let check3 = try await app.services.store.consentEvents(for: phone).last?.source
            #expect(check3 == "carrier")
            let check4 = try await app.services.store.outbound(to: phone).first?.reason
            #expect(check4 == "telnyx sending_failed (error 40300)")
        }
    }
}
