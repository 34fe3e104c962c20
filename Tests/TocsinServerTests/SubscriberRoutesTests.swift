import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

struct SubscriberRoutesTests {
    /// Numbers +1 212 555 08xx join `rights` by SMS; the fifth then sends STOP.
    func seeded(_ app: TestApp, count: Int = 5) async throws {
        try await app.application.test(.router) { client in
            for index in 1...count {
                try await client.text(String(format: "+121255508%02d", index), "RIGHTS", id: "join-\(index)")
            }
            try await client.text("+12125550805", "STOP", id: "stop-5")
        }
    }

    @Test func bothEndpointsHaveTheirRoleRule() async throws {
        let app = try await TestApp()
        try await self.seeded(app)
        var made: [Role: String] = [:]
        for role in Role.allCases { made[role] = try await app.token(role, name: role.rawValue) }
        let tokens = made
        let revoked = try await app.token(.compliance, name: "old")
        let old = try #require(try await app.services.store.listTokens().first { $0.name == "old" })
        try await app.services.store.revokeToken(id: old.id, actor: "test", now: app.clock.now)
        try await app.application.test(.router) { client in
            for uri in ["/v1/campaigns/rights/subscribers", "/v1/campaigns/rights/subscribers/+12125550801"] {
                let expected: [(String?, HTTPResponse.Status)] = [
                    (nil, .unauthorized), (revoked, .unauthorized), (tokens[.intake], .forbidden),
                    (tokens[.campaigner], .ok), (tokens[.compliance], .ok), (tokens[.admin], .ok),
                ]
                for (token, status) in expected {
                    let reply = try await client.call(.get, uri, token: token)
                    #expect(reply.status == status, "\(uri) \(reply.text)")
                }
            }
        }
    }

    @Test func theListPagesWithACursorAndFiltersByStatus() async throws {
        let app = try await TestApp()
        try await self.seeded(app)
        let token = try await app.token(.compliance)
        try await app.application.test(.router) { client in
            var phones: [String] = []
            var uri = "/v1/campaigns/rights/subscribers?limit=2"
            var pages = 0
            while true {
                let reply = try await client.call(.get, uri, token: token)
                #expect(reply.status == .ok)
                #expect(reply.json["campaign"] as? String == "rights")
                let items = reply.json["subscribers"] as? [[String: Any]] ?? []
                phones += items.compactMap { $0["phone"] as? String }
                pages += 1
                guard let next = reply.json["next_after"] as? Int, pages < 10 else { break }
                uri = "/v1/campaigns/rights/subscribers?limit=2&after=\(next)"
            }
            #expect(pages == 3)
            #expect(phones == (1...5).map { String(format: "+121255508%02d", $0) })
            let active = try await client.call(.get, "/v1/campaigns/rights/subscribers?status=active", token: token)
            let activeItems = active.json["subscribers"] as? [[String: Any]] ?? []
            #expect(activeItems.count == 4)
            #expect(active.json["next_after"] is NSNull)
            let first = try #require(activeItems.first)
            #expect(first["status"] as? String == "active")
            #expect(first.keys.sorted() == ["id", "joined_at", "language", "phone", "status"])
            #expect((first["joined_at"] as? String)?.hasSuffix("Z") == true)
            let optedOut = try await client.call(.get, "/v1/campaigns/rights/subscribers?status=opted_out", token: token)
            #expect((optedOut.json["subscribers"] as? [[String: Any]])?.compactMap { $0["phone"] as? String } == ["+12125550805"])
        }
    }

    @Test func badListQueriesAre400AndUnknownCampaigns404() async throws {
        let app = try await TestApp()
        let token = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            for query in ["status=gone", "limit=0", "limit=1001", "limit=ten", "after=-1"] {
                let reply = try await client.call(.get, "/v1/campaigns/rights/subscribers?\(query)", token: token)
                #expect(reply.status == .badRequest, "\(query)")
            }
            let unknown = try await client.call(.get, "/v1/campaigns/nope/subscribers", token: token)
            #expect(unknown.status == .notFound)
            let unknownLookup = try await client.call(.get, "/v1/campaigns/nope/subscribers/+12125550801", token: token)
            #expect(unknownLookup.status == .notFound)
        }
    }

    @Test(arguments: ["+12125550805", "%2B12125550805", "(212)%20555-0805", "212.555.0805", "2125550805"])
    func theLookUpTakesAnyFormatAndShowsConsentAndSuppression(number: String) async throws {
        let app = try await TestApp()
        try await self.seeded(app)
        let token = try await app.token(.compliance)
        try await app.application.test(.router) { client in
            let reply = try await client.call(.get, "/v1/campaigns/rights/subscribers/\(number)", token: token)
            #expect(reply.status == .ok, "\(reply.text)")
            #expect(reply.json["phone"] as? String == "+12125550805")
            #expect(reply.json["status"] as? String == "opted_out")
            #expect(reply.json["suppressed"] as? Bool == true)
            #expect(reply.json["language"] as? String == "en")
            let events = reply.json["consent_events"] as? [[String: Any]] ?? []
            #expect(events.compactMap { $0["action"] as? String } == ["opt_in", "opt_out"])
            #expect(events.compactMap { $0["scope"] as? String } == ["campaign", "org"])
            #expect(events.first?["raw_text"] as? String == "RIGHTS")
        }
    }

    @Test func anActiveSubscriberIsNotSuppressed() async throws {
        let app = try await TestApp()
        try await self.seeded(app)
        let token = try await app.token(.admin)
        try await app.application.test(.router) { client in
            let reply = try await client.call(.get, "/v1/campaigns/rights/subscribers/2125550801", token: token)
            #expect(reply.json["status"] as? String == "active")
            #expect(reply.json["suppressed"] as? Bool == false)
            #expect(reply.json["suppressed_at"] is NSNull)
        }
    }

    @Test func invalidNumbersAre422AndStrangers404() async throws {
        let app = try await TestApp()
        try await self.seeded(app)
        let token = try await app.token(.compliance)
        try await app.application.test(.router) { client in
            let invalid = try await client.call(.get, "/v1/campaigns/rights/subscribers/12345", token: token)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.errorMessage.contains("not a valid phone number"))
            let stranger = try await client.call(.get, "/v1/campaigns/rights/subscribers/+12125550899", token: token)
            #expect(stranger.status == .notFound)
            #expect(!stranger.text.contains("2125550899"))
            // Subscribed to another campaign only.
            let other = try await client.call(.get, "/v1/campaigns/freehk/subscribers/+12125550801", token: token)
            #expect(other.status == .notFound)
        }
    }
}
