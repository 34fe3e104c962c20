import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinServer
import TocsinStore

/// Every token-authenticated or public route against every kind of caller: no token, a revoked token and a
/// token of each role. The roles that get past the role check must be exactly the route's `x-roles` in
/// openapi.yaml, and every answer must be one the document describes.
struct RoleMatrixTests {
    /// One request per route that the admin gets a 2xx for, once ``seed(_:admin:)`` has run.
    struct Sample: Sendable, CustomTestStringConvertible {
        var method: HTTPRequest.Method
        /// The path as documented, e.g. `/v1/alerts/{id}`.
        var path: String
        var uri: String
        var body: String?

        init(_ method: HTTPRequest.Method, _ path: String, _ uri: String? = nil, body: String? = nil) {
            self.method = method
            self.path = path
            self.uri = uri ?? path
            self.body = body
        }

        var route: String { "\(self.method.rawValue) \(self.path)" }
        var testDescription: String { self.route }
    }

    static let subscriber = "+12125550701"
    static let alertBody = #"""
        {"name":"Free Ana","channel":"sms","bodies":{"en":"{first_name}, act now for Ana ({program}): {action_link}"},"schedule":{"kind":"recurring","rule":"FREQ=WEEKLY;BYDAY=MO","start":"2030-01-07T10:00","time_zone":"America/New_York","delivery":"same_instant"},"expiry_hours":24}
        """#
    static let campaignBody = #"""
        {"slug":"matrix","program_name":"Matrix Alerts","description":"Urgent actions","category":"Individuals at risk","purpose":"advocacy","frequency":"Up to 4 msgs/month","languages":["en"],"jurisdiction":"GB","action_link":"https://example.org/act","keywords":["MATRIX"]}
        """#
    static let optInBody = #"""
        {"phone":"+12125550703","campaign":"rights","disclosure":"Yes, text me Rights Alerts. Up to 4 msgs/month. Msg & data rates may apply. Reply HELP for help, STOP to cancel.","source_url":"https://petition.example.org/free-them","ip":"203.0.113.7","user_agent":"Mozilla/5.0","language":"en","first_name":"Ana"}
        """#

    /// Every registered route except the webhooks, which are not token-authenticated.
    static let samples: [Sample] = [
        Sample(.post, "/v1/optins", body: Self.optInBody),
        Sample(.get, "/v1/reviews", "/v1/reviews?status=all"),
        Sample(.post, "/v1/reviews/{id}/resolve", "/v1/reviews/1/resolve", body: #"{"decision":"not_opt_out","reason":"advocacy slogan"}"#),
        Sample(.get, "/v1/campaigns", "/v1/campaigns?status=all"),
        Sample(.post, "/v1/campaigns", body: Self.campaignBody),
        Sample(.get, "/v1/campaigns/{slug}", "/v1/campaigns/rights"),
        Sample(.patch, "/v1/campaigns/{slug}", "/v1/campaigns/rights", body: #"{"description":"Changed"}"#),
        Sample(.post, "/v1/campaigns/{slug}/archive", "/v1/campaigns/freehk/archive"),
        Sample(.get, "/v1/campaigns/{slug}/counter", "/v1/campaigns/rights/counter"),
        Sample(.get, "/v1/campaigns/{slug}/subscribers", "/v1/campaigns/rights/subscribers?status=all&limit=10"),
        Sample(.get, "/v1/campaigns/{slug}/subscribers/{phone}", "/v1/campaigns/rights/subscribers/\(Self.subscriber)"),
        Sample(.get, "/v1/campaigns/{slug}/alerts", "/v1/campaigns/rights/alerts"),
        Sample(.post, "/v1/campaigns/{slug}/alerts", "/v1/campaigns/rights/alerts", body: Self.alertBody),
        Sample(.post, "/v1/campaigns/{slug}/alerts/check", "/v1/campaigns/rights/alerts/check", body: Self.alertBody),
        Sample(.get, "/v1/alerts/{id}", "/v1/alerts/1"),
        Sample(.get, "/v1/alerts/{id}/preview", "/v1/alerts/1/preview?count=3"),
        Sample(.post, "/v1/alerts/{id}/pause", "/v1/alerts/1/pause"),
        Sample(.post, "/v1/alerts/{id}/resume", "/v1/alerts/1/resume"),
        Sample(.post, "/v1/alerts/{id}/cancel", "/v1/alerts/1/cancel"),
        Sample(.post, "/v1/campaigns/{slug}/pause", "/v1/campaigns/rights/pause"),
        Sample(.post, "/v1/campaigns/{slug}/resume", "/v1/campaigns/rights/resume"),
        Sample(.get, "/v1/dispatch"),
        Sample(.post, "/v1/dispatch/pause"),
        Sample(.post, "/v1/dispatch/resume"),
        Sample(.get, "/v1/dispatch/in-doubt", "/v1/dispatch/in-doubt?limit=10"),
        Sample(.get, "/v1/audit/verify"),
        Sample(.get, "/v1/audit/opt-outs", "/v1/audit/opt-outs?format=json&from=2026-01-01"),
        Sample(.get, "/v1/audit/consents/twilio", "/v1/audit/consents/twilio?from=2026-01-01"),
        Sample(.get, "/v1/audit/deadlines", "/v1/audit/deadlines?days=30"),
        Sample(.get, "/v1/consent/{phone}/proof", "/v1/consent/%2B12125550701/proof"),
        Sample(.post, "/v1/opt-outs", body: #"{"phone":"+12125550705","channel":"email","reason":"asked by email to stop"}"#),
        Sample(.post, "/v1/erasures", body: #"{"phone":"+12125550706","reason":"erasure request by letter"}"#),
        Sample(.get, "/u/{token}", "/u/\(Self.unsubscribeToken)"),
        Sample(.post, "/u/{token}", "/u/\(Self.unsubscribeToken)"),
        Sample(.get, "/healthz"),
        Sample(.get, "/readyz"),
        Sample(.get, "/metrics"),
        Sample(.get, "/openapi.yaml"),
    ]

    /// An unsubscribe link for the seeded subscriber (id 1), signed with the test app's key.
    static let unsubscribeToken = UnsubscribeLinks(baseURL: TestApp.publicURL, validity: 0, erasureKey: TestApp.erasureKey)
        .token(subscriberID: 1, expires: Date(timeIntervalSince1970: 4_102_444_800))

    static let mockSMS = Sample(
        .post, "/webhooks/mock/sms", body: #"{"from":"+12125550704","to":"+14155550100","body":"RIGHTS","id":"matrix-1"}"#
    )

    /// A subscriber of `rights`, a pending review item (id 1) and an alert on `rights` (id 1).
    static func seed(_ client: some TestClientProtocol, admin: String) async throws {
        try #require(try await client.text(Self.subscriber, "RIGHTS", id: "seed-1") == .ok)
        try #require(try await client.text("+12125550702", "STOP police violence", id: "seed-2") == .ok)
        let alert = try await client.send(.post, "/v1/campaigns/rights/alerts", token: admin, body: Self.alertBody)
        try #require(alert.status == .created, "seeding the alert: \(alert.text)")
    }

    @Test func everyRegisteredRouteHasASample() async throws {
        let spec = try OpenAPISpec.load()
        let webhooks = Set(spec.operations.filter { $0.tags.contains("webhooks") }.map(\.route))
        #expect(webhooks == [
            "POST /webhooks/mock/sms", "POST /webhooks/twilio/sms", "POST /webhooks/twilio/status", "POST /webhooks/telnyx/sms",
            "POST /webhooks/twilio/voice/{id}", "POST /webhooks/twilio/voice/{id}/gather", "POST /webhooks/twilio/voice/{id}/status",
        ])
        let registered = try await OpenAPISpec.registeredRoutes()
        let sampled = Self.samples.map(\.route)
        #expect(Set(sampled).count == sampled.count)
        #expect(Set(sampled) == registered.subtracting(webhooks), "add a sample for each new route")
    }

    @Test(arguments: Self.samples)
    func onlyTheDocumentedRolesGetPast(_ sample: Sample) async throws {
        let app = try await TestApp()
        var made: [Role: String] = [:]
        for role in Role.allCases { made[role] = try await app.token(role, name: role.rawValue) }
        let tokens = made
        let revoked = try await app.token(.admin, name: "revoked")
        let revokedInfo = try #require(try await app.services.store.listTokens().first { $0.name == "revoked" })
        try await app.services.store.revokeToken(id: revokedInfo.id, actor: "test", now: app.clock.now)
        let admin = try #require(tokens[.admin])
        try await app.application.test(.router) { client in
            let spec = try OpenAPISpec.load()
            let documented = spec.operation(sample.method, sample.path)
            let operation = try #require(documented, "\(sample) is not in openapi.yaml")
            try await Self.seed(client, admin: admin)
            func call(_ token: String?) async throws -> RouteReply {
                let reply = try await client.send(sample.method, sample.uri, token: token, body: sample.body)
                let problems = spec.problems(reply, operation)
                #expect(problems.isEmpty, "\(sample) answered what openapi.yaml does not describe: \(problems)")
                return reply
            }
            let anonymous = try await call(nil)
            if operation.isPublic {
                #expect(![401, 403].contains(anonymous.status.code), "\(sample) is public: \(anonymous.status)")
            } else {
                #expect(anonymous.status == .unauthorized, "\(sample) without a token: \(anonymous.status)")
                #expect(anonymous.text.contains(#""code":"unauthorized""#))
            }
            for token in [revoked, "tcs_not-a-token-we-ever-made"] {
                let reply = try await call(token)
                #expect(reply.status == .unauthorized, "\(sample) with a revoked or unknown token: \(reply.status)")
            }
            var allowed: Set<String> = []
            // The admin goes first so its call meets the seeded state and must succeed.
            for role in [Role.admin, .campaigner, .compliance, .intake] {
                let reply = try await call(tokens[role])
                if role == .admin {
                    #expect((200..<300).contains(reply.status.code), "\(sample) as admin: \(reply.status) \(reply.text)")
                }
                if reply.status == .forbidden {
                    #expect(reply.text.contains(#""code":"forbidden""#))
                } else {
                    #expect(reply.status != .unauthorized, "\(sample) as \(role): a valid token got 401")
                    allowed.insert(role.rawValue)
                }
            }
            #expect(allowed == operation.allowedRoles, "\(sample): roles let through \(allowed.sorted()), documented \(operation.allowedRoles.sorted())")
        }
    }

    @Test(arguments: Self.samples + [Self.mockSMS])
    func aRevokedTokenGets401(_ sample: Sample) async throws {
        let app = try await TestApp()
        let token = try await app.token(.admin, name: "leaver")
        let info = try #require(try await app.services.store.listTokens().first { $0.name == "leaver" })
        try await app.application.test(.router) { client in
            let before = try await client.send(sample.method, sample.uri, token: token, body: sample.body)
            #expect(before.status != .unauthorized, "\(sample) before the revocation: \(before.status)")
            try await app.services.store.revokeToken(id: info.id, actor: "test", now: app.clock.now)
            let after = try await client.send(sample.method, sample.uri, token: token, body: sample.body)
            #expect(after.status == .unauthorized, "\(sample) with a revoked token: \(after.status)")
            #expect(after.text.contains(#""code":"unauthorized""#))
        }
    }

    @Test func theTwilioWebhookRefusesAnUnsignedRequest() async throws {
        let app = try await TestApp()
        let form = "Body=STOP&From=%2B12125550705&MessageSid=SMmatrix1&To=%2B14155550100"
        try await app.application.test(.router) { client in
            let spec = try OpenAPISpec.load()
            let operation = try #require(spec.operation(.post, "/webhooks/twilio/sms"))
            for signature in [nil, "bm90LWEtc2lnbmF0dXJl"] {
                var headers = HTTPFields()
                if let signature { headers[.init("X-Twilio-Signature")!] = signature }
                let reply = try await client.send(
                    .post, "/webhooks/twilio/sms", token: nil, body: form, contentType: "application/x-www-form-urlencoded",
                    headers: headers
                )
                #expect(reply.status == .forbidden, "signature \(signature ?? "none"): \(reply.status)")
                #expect(spec.problems(reply, operation).isEmpty)
            }
        }
        #expect(try await app.services.store.isSuppressed(PhoneNumber(e164: "+12125550705")!) == false)
    }
}
