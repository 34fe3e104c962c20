import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCarriers
import TocsinCore
import TocsinStore
import TocsinTesting

/// An SMS alert goes out through the Twilio adapter to a local stub of Twilio's API; signed status
/// callbacks mark it delivered; a 21610 refusal shows the suppression and the carrier consent event.
struct CarrierEndToEndTests {
    @Test func anAlertGoesOutThroughTwilioAndComesBackDelivered() async throws {
        let delivered = PhoneNumber(e164: "+12125550411")!
        let optedOut = PhoneNumber(e164: "+12125550412")!
        // Twilio's stub: 201 with a sid per recipient, except 21610 for the number that replied STOP at Twilio.
        let stub = CarrierAPIStub { request in
            let fields = (try? FormBody.parse(request.body)) ?? []
            let to = FormBody.firstValue(of: "To", in: fields) ?? ""
            if to == optedOut.e164 {
                return .init(status: 400, body: #"{"code":21610,"message":"Attempt to send to unsubscribed recipient","status":400}"#)
            }
            return .init(status: 201, body: #"{"sid":"SM\#(to.dropFirst())","status":"queued"}"#)
        }
        try await stub.run { base in
            let app = try await CarrierTestApp(values: ["carrier.kind": "twilio", "twilio.api_base_url": base])
            let store = try #require(app.services.store as? SQLiteStore)
            try await app.application.test(.router) { client in
                // Both join by texting RIGHTS to the Twilio number (answered inline with TwiML).
                for (index, phone) in [delivered, optedOut].enumerated() {
                    let join = [("Body", "RIGHTS"), ("From", phone.e164), ("MessageSid", "SMin\(index)"), ("To", "+14155550100")]
                    let (status, twiml) = try await CarrierTestApp.twilioPost(client, "/webhooks/twilio/sms", join)
                    #expect(status == .ok)
                    #expect(twiml.contains("<Message>"))
                }
                #expect(stub.requests.isEmpty, "join confirmations leave in the webhook response")
                // The alert, its fan-out and the dispatcher's pass.
                let found = try await store.campaign(slug: "rights")
                let campaign = try #require(found)
                _ = try await store.createAlert(
                    Alert(
                        campaignID: campaign.id, name: "Free Ana", bodies: ["en": "Ana faces execution. Act now."],
                        schedule: .once(at: app.clock.now), expirySeconds: 7200, createdBy: "test", createdAt: app.clock.now
                    ),
                    now: app.clock.now
                )
                try await app.services.scheduler.tick()
                while await app.services.dispatcher.runOnce() > 0 {}
                // What Twilio received.
                #expect(stub.requests.count == 2)
                let request = try #require(stub.requests.first { String(decoding: $0.body, as: UTF8.self).contains("2125550411") })
                #expect(request.method == "POST")
                #expect(request.path == "/2010-04-01/Accounts/\(CarrierTestApp.twilioSID)/Messages.json")
                #expect(request.headers["authorization"] == "Basic " + Data("\(CarrierTestApp.twilioSID):\(TestApp.twilioToken)".utf8).base64EncodedString())
                let fields = Dictionary(try FormBody.parse(request.body), uniquingKeysWith: { first, _ in first })
                #expect(fields["To"] == delivered.e164)
                #expect(fields["From"] == "+14155550100")
                #expect(fields["Body"]?.hasPrefix("Ana faces execution. Act now.") == true)
                #expect(fields["StatusCallback"] == TestApp.publicURL + "/webhooks/twilio/status")
                #expect(fields["ValidityPeriod"] == "7200")
                // Twilio's signed callbacks: sent, delivered, then a late sent that changes nothing.
                for status in ["sent", "delivered", "sent"] {
                    let callback = [("AccountSid", CarrierTestApp.twilioSID), ("MessageSid", "SM12125550411"), ("MessageStatus", status)]
                    let (code, _) = try await CarrierTestApp.twilioPost(client, "/webhooks/twilio/status", callback)
                    #expect(code == .ok)
                }
            }
            func alertRows(_ phone: PhoneNumber) async throws -> [OutboundRecord] {
                try await store.outbound(to: phone).filter { $0.kind == .alert }
            }
            let sent = try await alertRows(delivered)
            #expect(sent.map(\.status) == ["delivered"])
            #expect(sent.first?.carrier == "twilio")
            let check1 = try await store.outboundStatus(carrier: "twilio", carrierMessageID: "SM12125550411")?.status
            #expect(check1 == "delivered")
            let refused = try await alertRows(optedOut)
            #expect(refused.map(\.status) == ["failed"])
            #expect(refused.first?.reason?.contains("21610") == true)
            let check2 = try await store.isSuppressed(optedOut)
            #expect(check2)
            let check3 = try await store.isSuppressed(delivered)
            #expect(!check3)
            let ledger = try await store.consentEvents(for: optedOut)
            #expect(ledger.last?.action == "opt_out")
            #expect(ledger.last?.source == "carrier")
            #expect(ledger.last?.scope == "org")
        }
    }
}
