import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

struct InboundFlowTests {
    let phone = "+12125550101"

    @Test func joinGetsOneCTIAConfirmation() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            let status = try await client.text(self.phone, "RIGHTS", id: "m1")
            #expect(status == .ok)
        }
        let bodies = app.sentBodies(to: self.phone)
        #expect(bodies.count == 1)
        let confirmation = try #require(bodies.first)
        #expect(confirmation.contains("Rights Alerts"))
        #expect(confirmation.contains("Up to 4 msgs/month"))
        #expect(confirmation.contains("Msg & data rates may apply"))
        #expect(confirmation.contains("HELP"))
        #expect(confirmation.contains("STOP"))
        #expect(try await app.services.store.subscriptionStatus(PhoneNumber(e164: self.phone)!, campaign: "rights") == .active)
    }

    @Test(arguments: ["JOIN RIGHTS", "rights", " Rights! "])
    func joinKeywordForms(text: String) async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, text, id: "m1")
        }
        #expect(app.sentKinds(to: self.phone) == [.joinConfirmation])
    }

    @Test func stopSuppressesEverywhereWithOneConfirmationAndNothingAfter() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "m1")
            try await client.text(self.phone, "FREEHK", id: "m2")
            try await client.text(self.phone, "STOP", id: "m3")
            try await client.text(self.phone, "STOP", id: "m4")
            try await client.text(self.phone, "hello?", id: "m5")
        }
        #expect(app.sentKinds(to: self.phone) == [.joinConfirmation, .joinConfirmation, .optOutConfirmation])
        let confirmation = app.sentBodies(to: self.phone).last ?? ""
        #expect(confirmation.contains("no more messages"))
        #expect(!confirmation.contains("http"))
        let phone = PhoneNumber(e164: self.phone)!
        #expect(try await app.services.store.subscriptionStatus(phone, campaign: "rights") == .optedOut)
        #expect(try await app.services.store.subscriptionStatus(phone, campaign: "freehk") == .optedOut)
    }

    @Test(arguments: [("Stop.", "en"), ("ＳＴＯＰ", "en"), ("Arrêt", "fr"), ("取消", "zh"), ("BAJA", "es")])
    func optOutKeywordsActAtOnceAndReplyInTheirLanguage(text: String, language: String) async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, text, id: "m1")
        }
        #expect(app.sentKinds(to: self.phone) == [.optOutConfirmation])
        let expected = app.services.renderer.render(.optOutConfirmation, language: language, campaignID: nil)
        #expect(app.sentBodies(to: self.phone) == [expected])
        #expect(try await app.services.store.isSuppressed(PhoneNumber(e164: self.phone)!))
    }

    @Test func stopFromANumberThatNeverSubscribedIsSuppressedAndConfirmed() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text("+12125550999", "UNSUBSCRIBE", id: "m1")
        }
        #expect(app.sentKinds(to: "+12125550999") == [.optOutConfirmation])
    }

    @Test func startRestoresConsentedCampaignsWithAConfirmation() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "m1")
            try await client.text(self.phone, "STOP", id: "m2")
            try await client.text(self.phone, "START", id: "m3")
        }
        #expect(app.sentKinds(to: self.phone) == [.joinConfirmation, .optOutConfirmation, .optInConfirmation])
        let phone = PhoneNumber(e164: self.phone)!
        #expect(try await app.services.store.subscriptionStatus(phone, campaign: "rights") == .active)
        #expect(try await app.services.store.subscriptionStatus(phone, campaign: "freehk") == nil)
        let actions = try await app.services.store.consentEvents(for: phone).map(\.action)
        #expect(actions == ["opt_in", "opt_out", "re_opt_in", "re_opt_in"])
    }

    @Test func oopsUndoesARecentStopOnly() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "m1")
            try await client.text(self.phone, "STOP", id: "m2")
            app.clock.advance(by: 120)
            try await client.text(self.phone, "OOPS", id: "m3")
            try await client.text("+12125550102", "RIGHTS", id: "m4")
            try await client.text("+12125550102", "STOP", id: "m5")
            app.clock.advance(by: 2 * 3600)
            try await client.text("+12125550102", "OOPS", id: "m6")
        }
        #expect(try await app.services.store.subscriptionStatus(PhoneNumber(e164: self.phone)!, campaign: "rights") == .active)
        #expect(try await app.services.store.subscriptionStatus(PhoneNumber(e164: "+12125550102")!, campaign: "rights") == .optedOut)
        #expect(app.sentKinds(to: "+12125550102") == [.joinConfirmation, .optOutConfirmation])
    }

    @Test(arguments: [("HELP", "en"), ("AIDE", "fr"), ("AYUDA", "es"), ("幫助", "zh")])
    func helpIsAnsweredInItsLanguageToAnyone(text: String, language: String) async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, text, id: "m1")
        }
        let expected = app.services.renderer.render(.help, language: language, campaignID: nil)
        #expect(app.sentBodies(to: self.phone) == [expected])
        #expect(expected.contains("help@rights.example.org"))
        if language == "fr" {
            #expect(expected.contains("ARRET"))
            #expect(!expected.contains("ARRÊT"))
        }
    }

    @Test func otherTextIsStoredForTheInboxWithoutReply() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.execute(
                uri: "/webhooks/mock/sms", method: .post, body: TestApp.mockSMS(from: self.phone, body: "Thank you for your work", id: "m1")
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"disposition\":\"inbox\""))
            }
        }
        #expect(app.carrier.sent.isEmpty)
        #expect(try await app.services.store.rowCount("inbound_message") == 1)
    }

    @Test func aCarrierRetryOfTheSameMessageIsProcessedOnce() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "dup")
            try await client.execute(
                uri: "/webhooks/mock/sms", method: .post, body: TestApp.mockSMS(from: self.phone, body: "RIGHTS", id: "dup")
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"status\":\"duplicate\""))
            }
        }
        #expect(app.sentKinds(to: self.phone) == [.joinConfirmation])
        #expect(try await app.services.store.rowCount("inbound_message") == 1)
    }

    @Test func carrierThatAnswersStopGetsNoSecondConfirmation() async throws {
        let app = try await TestApp(carrierAnswersStop: true)
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "STOP", id: "m1")
        }
        #expect(app.carrier.sent.isEmpty)
        #expect(try await app.services.store.isSuppressed(PhoneNumber(e164: self.phone)!))
    }

    @Test func theCounterShowsHowManyJoined() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            for index in 0..<3 { try await client.text("+1212555020\(index)", "RIGHTS", id: "j\(index)") }
            try await client.execute(uri: "/v1/campaigns/rights/counter", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"campaign\":\"rights\",\"supporters\":3}")
            }
            try await client.execute(uri: "/v1/campaigns/nope/counter", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("\"error\""))
            }
        }
    }
}
