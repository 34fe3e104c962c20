import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// An HTTP call's status and parsed JSON body.
struct APIReply {
    var status: HTTPResponse.Status
    var text: String
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(self.text.utf8))) as? [String: Any] ?? [:] }
    var errorMessage: String { ((self.json["error"] as? [String: Any])?["message"] as? String) ?? "" }
}

extension TestClientProtocol {
    /// Calls the API with a bearer token (nil: none) and a raw body.
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil) async throws -> APIReply {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await self.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) {
            APIReply(status: $0.status, text: String(buffer: $0.body))
        }
    }
}

struct CampaignRoutesTests {
    static func body(slug: String = "free-them", keywords: String = #"["FREETHEM"]"#, extra: String = "") -> String {
        #"{"slug":"\#(slug)","program_name":"Free Them Alerts","frequency":"Up to 4 msgs/month","keywords":\#(keywords),"languages":["en","fr"],"category":"Individuals at risk","purpose":"advocacy","jurisdiction":"GB","action_link":"https://example.org/act"\#(extra)}"#
    }

    @Test func everyEndpointHasItsRoleRule() async throws {
        let app = try await TestApp()
        var made: [Role: String] = [:]
        for role in Role.allCases { made[role] = try await app.token(role, name: role.rawValue) }
        let tokens = made
        let revoked = try await app.token(.admin, name: "old")
        let old = try #require(try await app.services.store.listTokens().first { $0.name == "old" })
        try await app.services.store.revokeToken(id: old.id, actor: "test", now: app.clock.now)
        let reads: [(HTTPRequest.Method, String, String?)] = [(.get, "/v1/campaigns", nil), (.get, "/v1/campaigns/rights", nil)]
        try await app.application.test(.router) { client in
            var created = 0
            func writes() -> [(HTTPRequest.Method, String, String?, HTTPResponse.Status)] {
                created += 1
                return [
                    (.post, "/v1/campaigns", Self.body(slug: "c\(created)", keywords: #"["KW\#(created)"]"#), .created),
                    (.patch, "/v1/campaigns/c\(created)", #"{"description":"changed"}"#, .ok),
                    (.post, "/v1/campaigns/c\(created)/archive", nil, .ok),
                ]
            }
            // Set up a campaign c1 that the failing callers aim at.
            for (method, uri, body, expected) in writes() {
                let reply1 = try await client.call(method, uri, token: tokens[.campaigner], body: body).status
                #expect(reply1 == expected)
            }
            for (method, uri, body) in reads + writes().map({ ($0.0, $0.1, $0.2) }) {
                let reply2 = try await client.call(method, uri, token: nil, body: body).status
                #expect(reply2 == .unauthorized, "\(uri)")
                let reply3 = try await client.call(method, uri, token: revoked, body: body).status
                #expect(reply3 == .unauthorized, "\(uri)")
                let reply4 = try await client.call(method, uri, token: tokens[.intake], body: body).status
                #expect(reply4 == .forbidden, "\(uri)")
            }
            for (method, uri, _) in reads {
                for role in [Role.compliance, .campaigner, .admin] {
                    let reply5 = try await client.call(method, uri, token: tokens[role]).status
                    #expect(reply5 == .ok, "\(role) \(uri)")
                }
            }
            for role in [Role.compliance, .campaigner, .admin] {
                for (method, uri, body, expected) in writes() {
                    let status = try await client.call(method, uri, token: tokens[role], body: body).status
                    #expect(status == (role == .compliance ? .forbidden : expected), "\(role) \(method) \(uri)")
                }
            }
        }
    }

    @Test func createThenJoinBySMSAtOnce() async throws {
        let app = try await TestApp()
        let token = try await app.token(.campaigner, name: "ana")
        let phone = "+12125550701"
        try await app.application.test(.router) { client in
            let created = try await client.call(.post, "/v1/campaigns", token: token, body: Self.body(keywords: #"["freethem","Libérez"]"#))
            #expect(created.status == .created)
            #expect(created.text == #"{"slug":"free-them","program_name":"Free Them Alerts","description":"","category":"Individuals at risk","purpose":"advocacy","frequency":"Up to 4 msgs/month","languages":["en","fr"],"jurisdiction":"GB","action_link":"https://example.org/act","keywords":["FREETHEM","LIBEREZ"],"status":"active","call_target_name":null,"call_target_number":null}"#)
            try await client.text(phone, "liberez", id: "m1")
            let read = try await client.call(.get, "/v1/campaigns/free-them", token: token)
            #expect(read.text == created.text)
        }
        #expect(app.sentKinds(to: phone) == [.joinConfirmation])
        #expect(app.sentBodies(to: phone).first?.contains("Free Them Alerts") == true)
        #expect(try await app.services.store.subscriptionStatus(PhoneNumber(e164: phone)!, campaign: "free-them") == .active)
        let actor = try await app.services.store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT actor FROM audit_event WHERE action = 'campaign.create'")
        }
        #expect(actor == "ana")
    }

    @Test func archivingFreesKeywordsAndStopsJoins() async throws {
        let app = try await TestApp()
        let token = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            let clash = try await client.call(.post, "/v1/campaigns", token: token, body: Self.body(keywords: #"["RIGHTS"]"#))
            #expect(clash.status == .conflict)
            #expect(clash.errorMessage.contains("keyword RIGHTS is already used by active campaign rights"))
            let archived = try await client.call(.post, "/v1/campaigns/rights/archive", token: token)
            #expect(archived.status == .ok)
            #expect(archived.json["status"] as? String == "archived")
            try await client.text("+12125550702", "RIGHTS", id: "m1")
            let reply6 = try await client.call(.post, "/v1/campaigns", token: token, body: Self.body(keywords: #"["RIGHTS"]"#)).status
            #expect(reply6 == .created)
            try await client.text("+12125550703", "RIGHTS", id: "m2")
        }
        #expect(app.sentKinds(to: "+12125550702").isEmpty)
        #expect(try await app.services.store.subscriptionStatus(PhoneNumber(e164: "+12125550703")!, campaign: "free-them") == .active)
    }

    @Test func patchChangesOnlyWhatItSendsAndMovesKeywords() async throws {
        let app = try await TestApp()
        let token = try await app.token(.admin)
        try await app.application.test(.router) { client in
            let patched = try await client.call(.patch, "/v1/campaigns/rights", token: token, body: #"{"keywords":["ACT"],"frequency":"Up to 2 msgs/month","action_link":null}"#)
            #expect(patched.status == .ok)
            #expect(patched.json["keywords"] as? [String] == ["ACT"])
            #expect(patched.json["frequency"] as? String == "Up to 2 msgs/month")
            #expect(patched.json["action_link"] is NSNull)
            #expect(patched.json["program_name"] as? String == "Rights Alerts")
            try await client.text("+12125550704", "RIGHTS", id: "m1")
            try await client.text("+12125550705", "ACT", id: "m2")
            let clash = try await client.call(.patch, "/v1/campaigns/rights", token: token, body: #"{"keywords":["FREEHK"]}"#)
            #expect(clash.status == .conflict)
        }
        #expect(app.sentKinds(to: "+12125550704").isEmpty)
        #expect(app.sentKinds(to: "+12125550705") == [.joinConfirmation])
    }

    static let invalid: [(String, String)] = [
        (#"{"program_name":"x"}"#, "slug is required"),
        (Self.body(slug: "Bad Slug"), "slug 'Bad Slug' must be 1–64 characters"),
        (Self.body(keywords: #"["STOP"]"#), "keyword 'STOP' is a system keyword"),
        (Self.body(keywords: #"["ayuda"]"#), "keyword 'AYUDA' is a system keyword"),
        (Self.body(keywords: #"["JOIN"]"#), "keyword 'JOIN' is a system keyword"),
        (Self.body(keywords: #"["TWO WORDS"]"#), "one word without spaces"),
        (Self.body(keywords: #"["X"]"#), "must be 2–20 characters long"),
        (Self.body(keywords: #"[]"#), "keywords needs 1–10 join keywords"),
        (Self.body(extra: #","languages":["de"]"#), "language 'de' has no keyword file"),
        (Self.body(extra: #","purpose":"sales""#), "purpose must be one of advocacy, fundraising, commercial"),
        (Self.body(extra: #","jurisdiction":"Europe""#), "must be an ISO 3166 country code"),
        (Self.body(extra: #","action_link":"ftp://x.org""#), "action_link 'ftp://x.org' must be an http or https URL"),
        (Self.body(extra: #","frequency":"""#), "frequency must not be empty"),
        (Self.body(extra: #","colour":"red""#), "unknown field colour"),
        (Self.body(extra: #","keywords":"RIGHTS""#), "keywords must be an array of strings"),
    ]

    @Test(arguments: Self.invalid.indices)
    func invalidCampaignsAre422WithAMessage(index: Int) async throws {
        let (body, message) = Self.invalid[index]
        let app = try await TestApp()
        let token = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            let reply = try await client.call(.post, "/v1/campaigns", token: token, body: body)
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorMessage.contains(message), "\(reply.text)")
        }
        #expect(try await app.services.store.rowCount("campaign") == 2)
    }

    @Test func otherErrorsHaveTheirStatus() async throws {
        let app = try await TestApp()
        let token = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            let reply7 = try await client.call(.post, "/v1/campaigns", token: token, body: "{not json").status
            #expect(reply7 == .badRequest)
            let reply8 = try await client.call(.post, "/v1/campaigns", token: token, body: Self.body(slug: "rights", keywords: #"["OTHER"]"#)).status
            #expect(reply8 == .conflict)
            let reply9 = try await client.call(.get, "/v1/campaigns/nope", token: token).status
            #expect(reply9 == .notFound)
            let reply10 = try await client.call(.patch, "/v1/campaigns/nope", token: token, body: #"{"category":"x"}"#).status
            #expect(reply10 == .notFound)
            let reply11 = try await client.call(.post, "/v1/campaigns/nope/archive", token: token).status
            #expect(reply11 == .notFound)
            let slug = try await client.call(.patch, "/v1/campaigns/rights", token: token, body: #"{"slug":"renamed"}"#)
            #expect(slug.status == .unprocessableContent)
            #expect(slug.errorMessage.contains("slug cannot be changed"))
            let reply12 = try await client.call(.patch, "/v1/campaigns/rights", token: token, body: "{}").status
            #expect(reply12 == .unprocessableContent)
            let reply13 = try await client.call(.get, "/v1/campaigns?status=deleted", token: token).status
            #expect(reply13 == .badRequest)
        }
    }

    @Test func theListFiltersByStatus() async throws {
        let app = try await TestApp()
        let token = try await app.token(.compliance)
        let admin = try await app.token(.admin)
        try await app.application.test(.router) { client in
            let reply14 = try await client.call(.post, "/v1/campaigns/freehk/archive", token: admin).status
            #expect(reply14 == .ok)
            func slugs(_ query: String) async throws -> [String] {
                let reply = try await client.call(.get, "/v1/campaigns\(query)", token: token)
                return (reply.json["campaigns"] as? [[String: Any]] ?? []).compactMap { $0["slug"] as? String }
            }
            let reply15 = try await slugs("")
            #expect(reply15 == ["rights"])
            let reply16 = try await slugs("?status=active")
            #expect(reply16 == ["rights"])
            let reply17 = try await slugs("?status=archived")
            #expect(reply17 == ["freehk"])
            let reply18 = try await slugs("?status=all")
            #expect(reply18 == ["rights", "freehk"])
        }
    }
}
