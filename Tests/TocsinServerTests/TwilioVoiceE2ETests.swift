import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCarriers
import TocsinCore
@testable import TocsinStore
import TocsinTesting

/// A voice alert end to end: placed through the Twilio Calls adapter to a local stub of Twilio's API, the
/// TwiML fetched from the signed route, status callbacks and a signed "press 9" posted; then the ledger,
/// the subscriptions, the message states, and no later call to the number.
struct TwilioVoiceE2ETests {
    @Test func aVoiceAlertThroughTwilioWithPressNine() async throws {
        let account = "AC00000000000000000000000000000009"
        let stub = CarrierAPIStub { _ in .init(status: 201, body: #"{"sid":"CAe2e00000000000000000000000000001","status":"queued"}"#) }
        try await stub.run { baseURL in
            let twilio = TwilioCalls(
                settings: .init(accountSID: account, authToken: TestApp.twilioToken, apiBaseURL: baseURL, webhookBaseURL: TestApp.publicURL)
            )
            let app = try await TestApp(values: VoiceTest.values, voiceCarrier: twilio)
            try await VoiceTest.queueAlertCall(app)
            let dispatcher = try #require(app.services.callDispatcher)
            #expect(await dispatcher.runOnce() == 1)

            // The request Twilio received.
            let request = try #require(stub.requests.first)
            #expect(stub.requests.count == 1)
            #expect(request.path == "/2010-04-01/Accounts/\(account)/Calls.json")
            #expect(request.headers["authorization"] == "Basic " + Data("\(account):\(TestApp.twilioToken)".utf8).base64EncodedString())
            let fields = request.formFields
            #expect(fields.first { $0.0 == "To" }?.1 == VoiceTest.supporter)
            let url = try #require(fields.first { $0.0 == "Url" }?.1)
            let statusURL = try #require(fields.first { $0.0 == "StatusCallback" }?.1)
            #expect(url.hasPrefix(TestApp.publicURL + "/webhooks/twilio/voice/"))
            #expect(statusURL == url + "/status")
            let path = String(url.dropFirst(TestApp.publicURL.count))
            let callID = "CAe2e00000000000000000000000000001"
            #expect(try await VoiceTest.rows(app).map(\.status) == ["sent"])

            try await app.application.test(.router) { client in
                let ringing = try await VoiceTest.post(client, path + "/status", VoiceTest.fields(callID, [("CallStatus", "ringing")])).0
                #expect(ringing == .noContent)
                let (answered, twiml) = try await VoiceTest.post(client, path, VoiceTest.fields(callID, [("CallStatus", "in-progress")]))
                #expect(answered == .ok)
                #expect(twiml.contains("This is a call from RightsAlert. To stop all calls and texts from us, press 9 at any time. You can call us back at 1 4 1 5 5 5 5 0 1 9 9."))
                #expect(twiml.contains("Ana faces execution. Call the minister."))
                #expect(twiml.contains(#"<Gather action="\#(url)/gather?attempt=1""#))
                _ = try await VoiceTest.post(client, path + "/status", VoiceTest.fields(callID, [("CallStatus", "in-progress")]))
                let (pressed, stopped) = try await VoiceTest.post(client, path + "/gather?attempt=1", VoiceTest.fields(callID, [("Digits", "9")]))
                #expect(pressed == .ok)
                #expect(stopped.contains("You will receive no more calls or texts from RightsAlert. Goodbye.</Say><Hangup />"))
                let completed = try await VoiceTest.post(client, path + "/status", VoiceTest.fields(callID, [("CallStatus", "completed"), ("CallDuration", "41")])).0
                #expect(completed == .noContent)
            }

            // The ledger, the subscriptions and the message states.
            let (events, subscriptions, counts) = try await app.services.store.writer.read { db in
                let events = try String.fetchAll(
                    db, sql: "SELECT scope || ' ' || action || ' ' || channel || ' ' || source FROM consent_event WHERE phone = ?", arguments: [VoiceTest.supporter]
                )
                let subscriptions = try String.fetchAll(
                    db, sql: "SELECT s.channel || '=' || s.status FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id WHERE p.phone = ? ORDER BY s.channel",
                    arguments: [VoiceTest.supporter]
                )
                let counts = [
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM voice_suppression WHERE phone = ?", arguments: [VoiceTest.supporter]),
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM suppression"),
                ]
                return (events, subscriptions, counts)
            }
            #expect(events == ["org opt_out voice voice_keypress"])
            // Suppressed everywhere, like a texted STOP: texts stop too.
            #expect(subscriptions == ["sms=opted_out", "voice=opted_out"])
            #expect(counts == [1, 1])
            #expect(try await VoiceTest.rows(app).map(\.status) == ["delivered"])

            // A later voice alert places no call to that number: it is not even queued for it.
            try await VoiceTest.queueAlertCall(app)
            app.clock.advance(by: 60)
            _ = await dispatcher.runOnce()
            #expect(stub.requests.count == 1)
            let rows = try await VoiceTest.rows(app)
            #expect(rows.map(\.status) == ["delivered"])
        }
    }
}
