import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

struct OptInRoutesTests {
    let phone = "+12125550301"

    func body(phone: String = "+12125550301", campaign: String = "rights", language: String = "en") -> ByteBuffer {
        let object: [String: String] = [
            "phone": phone, "campaign": campaign, "language": language,
            "disclosure": "Yes, text me Rights Alerts from RightsAlert. Up to 4 msgs/month. Msg & data rates may apply. Reply HELP for help, STOP to cancel. Terms: rights.example.org/terms",
            "source_url": "https://petition.example.org/free-them", "ip": "203.0.113.7", "user_agent": "Mozilla/5.0",
        ]
        return ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
    }

    @Test func webOptInThenYIsADoubleOptIn() async throws {
        let app = try await TestApp()
        let token = try await app.token(.intake)
        try await app.application.test(.router) { client in
            try await client.execute(
                uri: "/v1/optins", method: .post, headers: [.authorization: "Bearer \(token)"], body: self.body()
            ) { response in
                #expect(response.status == .accepted)
                #expect(String(buffer: response.body) == "{\"status\":\"pending\",\"prompt_sent\":true}")
            }
            // A re-submission is idempotent: no second prompt.
            try await client.execute(
                uri: "/v1/optins", method: .post, headers: [.authorization: "Bearer \(token)"], body: self.body()
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("already_pending"))
            }
            try await client.text(self.phone, "Y", id: "m1")
        }
        #expect(app.sentKinds(to: self.phone) == [.doubleOptInPrompt, .joinConfirmation])
        #expect(app.sentBodies(to: self.phone).first?.contains("Y") == true)
        let phone = PhoneNumber(e164: self.phone)!
        #expect(try await app.services.store.subscriptionStatus(phone, campaign: "rights") == .active)
        let events = try await app.services.store.consentEvents(for: phone)
        #expect(events.map(\.action) == ["opt_in_requested", "confirm"])
        #expect(events.first?.disclosure?.contains("Msg & data rates may apply") == true)
    }

    @Test func yWithoutAPendingOptInIsJustText() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "YES", id: "m1")
        }
        #expect(app.carrier.sent.isEmpty)
    }

    @Test func aSuppressedNumberIsNeverTexted() async throws {
        let app = try await TestApp()
        let token = try await app.token(.intake)
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "STOP", id: "m1")
            try await client.execute(
                uri: "/v1/optins", method: .post, headers: [.authorization: "Bearer \(token)"], body: self.body()
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"status\":\"suppressed\",\"prompt_sent\":false}")
            }
        }
        #expect(app.sentKinds(to: self.phone) == [.optOutConfirmation])
    }

    @Test func theEndpointNeedsAnIntakeToken() async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner)
        let revoked = try await app.token(.intake, name: "old")
        let info = try #require(try await app.services.store.listTokens().first { $0.name == "old" })
        try await app.services.store.revokeToken(id: info.id, actor: "test", now: app.clock.now)
        try await app.application.test(.router) { client in
            for (header, status) in [(nil, HTTPResponse.Status.unauthorized), ("Bearer \(revoked)", .unauthorized),
                                     ("Bearer nonsense", .unauthorized), ("Bearer \(campaigner)", .forbidden)] {
                var headers: HTTPFields = [:]
                if let header { headers[.authorization] = header }
                try await client.execute(uri: "/v1/optins", method: .post, headers: headers, body: self.body()) { response in
                    #expect(response.status == status)
                    #expect(String(buffer: response.body).contains("\"error\""))
                }
            }
        }
        #expect(app.carrier.sent.isEmpty)
        #expect(try await app.services.store.rowCount("subscription") == 0)
    }

    @Test(arguments: [
        ("{\"campaign\":\"rights\"}", HTTPResponse.Status.badRequest),
        ("not json", .badRequest),
    ])
    func badBodiesAreRejected(body: String, status: HTTPResponse.Status) async throws {
        let app = try await TestApp()
        let token = try await app.token(.intake)
        try await app.application.test(.router) { client in
            try await client.execute(
                uri: "/v1/optins", method: .post, headers: [.authorization: "Bearer \(token)"], body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == status)
            }
        }
        #expect(try await app.services.store.rowCount("subscription") == 0)
    }

    @Test func invalidNumbersUnknownCampaignsAndLanguagesAreRejected() async throws {
        let app = try await TestApp()
        let token = try await app.token(.intake)
        try await app.application.test(.router) { client in
            for (body, status) in [
                (self.body(phone: "12"), HTTPResponse.Status.unprocessableContent),
                (self.body(campaign: "nope"), .notFound),
                (self.body(language: "xx"), .unprocessableContent),
            ] {
                try await client.execute(
                    uri: "/v1/optins", method: .post, headers: [.authorization: "Bearer \(token)"], body: body
                ) { response in
                    #expect(response.status == status)
                    #expect(String(buffer: response.body).contains("\"message\""))
                }
            }
        }
        #expect(app.carrier.sent.isEmpty)
        #expect(try await app.services.store.rowCount("subscriber") == 0)
    }
}
