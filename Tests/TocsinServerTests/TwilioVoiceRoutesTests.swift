import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCarriers
import TocsinCore
@testable import TocsinStore
import TocsinTesting

/// Helpers shared by the voice route tests and the end-to-end test.
enum VoiceTest {
    /// Monday 2026-11-23 12:00 in New York.
    static let noon = Date(timeIntervalSince1970: 1_795_453_200)
    static let supporter = "+12125550401"
    static let values = ["voice.callback_number": "+14155550199", "organisation.name": "RightsAlert"]

    /// Posts signed (or, with `signed: false`, unsigned) Twilio form fields to `path`.
    static func post(_ client: some TestClientProtocol, _ path: String, _ fields: [(String, String)], signed: Bool = true) async throws -> (HTTPResponse.Status, String) {
        try await CarrierTestApp.twilioPost(client, path, fields, sign: signed)
    }

    static func fields(_ callID: String, _ extra: [(String, String)] = []) -> [(String, String)] {
        [("AccountSid", "AC00000000000000000000000000000000"), ("CallSid", callID), ("From", "+14155550100"), ("To", Self.supporter)] + extra
    }

    /// Gives the `rights` campaign a target and the supporter calls and texts, then fans out a voice alert.
    static func queueAlertCall(_ app: TestApp, target: Bool = true) async throws {
        app.clock.set(Self.noon)
        let store = app.services.store
        _ = try await store.updateCampaign(slug: "rights", actor: "t", detail: nil, now: Self.noon) { campaign in
            var campaign = campaign
            campaign.callTargetName = target ? "the Minister of Justice" : nil
            campaign.callTargetNumber = target ? "+12025550143" : nil
            return campaign
        }
        let campaign = try #require(try await store.campaign(slug: "rights"))
        try await store.writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO subscriber (phone, language, time_zone, created_at) VALUES (?, 'en', 'America/New_York', 0)", arguments: [Self.supporter])
            for channel in ["sms", "voice"] {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO subscription (subscriber_id, campaign_id, channel, status, consented, joined_at, updated_at) SELECT id, ?, ?, 'active', 1, 0, 0 FROM subscriber WHERE phone = ?",
                    arguments: [campaign.id, channel, Self.supporter]
                )
            }
        }
        let alert = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "Call", channel: .voice, bodies: ["en": "Ana faces execution. Call the minister."],
                  schedule: .once(at: app.clock.now), createdBy: "t", createdAt: app.clock.now),
            now: app.clock.now
        )
        try await store.materialize(try #require(try alert.nextOccurrence(after: nil)), of: alert, next: nil, now: app.clock.now)
        for id in try await store.unfinishedFanouts() {
            while try await !store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: 100, now: app.clock.now).done {}
        }
    }

    static func rows(_ app: TestApp) async throws -> [DispatchRecord] {
        try await app.services.store.bulkRecords()
    }
}

struct TwilioVoiceRoutesTests {
    @Test func unsignedOrForgedKeypressesAre403AndNothingIsStored() async throws {
        let app = try await TestApp(values: VoiceTest.values)
        try await VoiceTest.queueAlertCall(app)
        #expect(await app.services.callDispatcher?.runOnce() == 1)
        let id = try #require(try await VoiceTest.rows(app).first?.id)
        let fields = VoiceTest.fields("CA1", [("Digits", "9")])
        try await app.application.test(.router) { client in
            let unsigned = try await VoiceTest.post(client, "/webhooks/twilio/voice/\(id)/gather", fields, signed: false).0
            #expect(unsigned == .forbidden)
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            headers[.init("X-Twilio-Signature")!] = TwilioSignature(authToken: TestApp.twilioToken)
                .compute(url: TestApp.publicURL + "/webhooks/twilio/voice/\(id)/gather", parameters: VoiceTest.fields("CA1", [("Digits", "1")]))
            let forged = try await client.execute(uri: "/webhooks/twilio/voice/\(id)/gather", method: .post, headers: headers, body: ByteBuffer(bytes: FormBody.encode(fields))) { $0.status }
            #expect(forged == .forbidden)
            let status = try await VoiceTest.post(client, "/webhooks/twilio/voice/\(id)/status", VoiceTest.fields("CA1", [("CallStatus", "completed")]), signed: false).0
            #expect(status == .forbidden)
        }
        let counts = try await app.services.store.writer.read { db in
            [try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM voice_suppression"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM consent_event WHERE channel = 'voice'")]
        }
        #expect(counts == [0, 0])
        #expect(try await VoiceTest.rows(app).first?.status == "sent")
    }

    @Test func theCallReadsTheAlertAndTheMenuAnswersEachKey() async throws {
        let app = try await TestApp(values: VoiceTest.values)
        try await VoiceTest.queueAlertCall(app)
        #expect(await app.services.callDispatcher?.runOnce() == 1)
        let placed = try #require(app.calls.calls.first)
        #expect(placed.organisationName == "RightsAlert" && placed.callbackNumber == "+14155550199")
        #expect(placed.script == "Ana faces execution. Call the minister.")
        let id = placed.messageID
        let callID = try #require(try await app.services.store.storedCall(id: id)?.carrierCallID)
        let base = "/webhooks/twilio/voice/\(id)"
        let menu = TestApp.publicURL + base + "/gather"
        try await app.application.test(.router) { client in
            let (status, twiml) = try await VoiceTest.post(client, base, VoiceTest.fields(callID, [("CallStatus", "in-progress")]))
            #expect(status == .ok)
            var expected = placed
            expected.language = "en"
            #expect(twiml == TwiML.voiceCall(expected, locale: "en-US", menuURL: menu + "?attempt=1"))
            let connect = try await VoiceTest.post(client, base + "/gather?attempt=1", VoiceTest.fields(callID, [("Digits", "1")])).1
            #expect(connect.contains("<Dial>+12025550143</Dial>"))
            let again = try await VoiceTest.post(client, base + "/gather?attempt=1", VoiceTest.fields(callID, [("Digits", "4")])).1
            #expect(again == TwiML.voiceMenuAgain(expected, locale: "en-US", menuURL: menu + "?attempt=2"))
            let bye = try await VoiceTest.post(client, base + "/gather?attempt=2", VoiceTest.fields(callID)).1
            #expect(bye == TwiML.voiceGoodbye(expected, locale: "en-US"))
            let wrongCall = try await VoiceTest.post(client, base, VoiceTest.fields("CA-other")).1
            #expect(wrongCall == TwiML.hangup)
            let missing = try await VoiceTest.post(client, "/webhooks/twilio/voice/999", VoiceTest.fields(callID)).0
            #expect(missing == .notFound)
            let badStatus = try await VoiceTest.post(client, base + "/status", VoiceTest.fields(callID, [("CallStatus", "exploded")])).0
            #expect(badStatus == .unprocessableContent)
        }
        let patched = try await app.services.store.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_event WHERE action = 'voice.patch_through'")
        }
        #expect(patched == 1)
    }

    @Test func voiceAlertsNeedACallbackNumber() async throws {
        let app = try await TestApp()
        let token = try await app.token(.campaigner)
        let body = #"{"name":"Call","channel":"voice","bodies":{"en":"Ana faces execution."},"schedule":{"kind":"once"}}"#
        try await app.application.test(.router) { client in
            let refused = try await client.execute(
                uri: "/v1/campaigns/rights/alerts", method: .post, headers: [.authorization: "Bearer \(token)"], body: ByteBuffer(string: body)
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(refused.0 == .unprocessableContent)
            #expect(refused.1.contains("voice.callback_number"))
        }
        let configured = try await TestApp(values: VoiceTest.values)
        let token2 = try await configured.token(.campaigner)
        try await configured.application.test(.router) { client in
            let created = try await client.execute(
                uri: "/v1/campaigns/rights/alerts", method: .post, headers: [.authorization: "Bearer \(token2)"], body: ByteBuffer(string: body)
            ) { $0.status }
            #expect(created == .created)
        }
    }

    @Test func campaignsCarryTheirCallTarget() async throws {
        let app = try await TestApp()
        let token = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            let patched = try await client.execute(
                uri: "/v1/campaigns/rights", method: .patch, headers: [.authorization: "Bearer \(token)"],
                body: ByteBuffer(string: #"{"call_target_name":"the Minister of Justice","call_target_number":"+12025550143"}"#)
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(patched.0 == .ok)
            #expect(patched.1.contains(#""call_target_name":"the Minister of Justice","call_target_number":"+12025550143""#))
            let bad = try await client.execute(
                uri: "/v1/campaigns/rights", method: .patch, headers: [.authorization: "Bearer \(token)"],
                body: ByteBuffer(string: #"{"call_target_number":"12345"}"#)
            ) { $0.status }
            #expect(bad == .unprocessableContent)
        }
        let stored = try await app.services.store.campaign(slug: "rights")
        #expect(stored?.callTargetNumber == "+12025550143")
    }

    @Test func theWebOptInTakesVoiceConsentConfirmedByY() async throws {
        let app = try await TestApp(values: VoiceTest.values)
        let token = try await app.token(.intake)
        @Sendable func optIn(_ channels: String) -> ByteBuffer {
            ByteBuffer(string: #"{"phone":"+12125550402","campaign":"rights","disclosure":"Calls and texts from RightsAlert","source_url":"https://p.example.org","channels":\#(channels)}"#)
        }
        try await app.application.test(.router) { client in
            let voiceOnly = try await client.execute(uri: "/v1/optins", method: .post, headers: [.authorization: "Bearer \(token)"], body: optIn(#"["voice"]"#)) { $0.status }
            #expect(voiceOnly == .unprocessableContent)
            let both = try await client.execute(uri: "/v1/optins", method: .post, headers: [.authorization: "Bearer \(token)"], body: optIn(#"["sms","voice"]"#)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(both.0 == .accepted)
            #expect(both.1.contains(#""voice":"pending""#))
            try await client.text("+12125550402", "Y", id: "y-1")
        }
        let rows = try await app.services.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT channel || '=' || status FROM subscription ORDER BY channel")
        }
        #expect(rows == ["sms=active", "voice=active"])
    }
}
