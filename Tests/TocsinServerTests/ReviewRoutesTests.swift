import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

struct ReviewRoutesTests {
    let phone = "+12125550601"

    func resolve(_ client: some TestClientProtocol, id: Int, token: String, body: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(
            uri: "/v1/reviews/\(id)/resolve", method: .post, headers: [.authorization: "Bearer \(token)"], body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body)) }
    }

    @Test func anAmbiguousTextIsReviewedEndToEnd() async throws {
        let app = try await TestApp()
        let compliance = try await app.token(.compliance, name: "ana")
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "m1")
            try await client.text(self.phone, "STOP the execution now!", id: "m2")
            let listed = try await client.execute(uri: "/v1/reviews", method: .get, headers: [.authorization: "Bearer \(compliance)"]) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(listed.0 == .ok)
            #expect(listed.1.contains("STOP the execution now!"))
            #expect(listed.1.contains("\"status\":\"pending\""))
            let missingReason = try await self.resolve(client, id: 1, token: compliance, body: #"{"decision":"opt_out"}"#)
            #expect(missingReason.0 == .badRequest)
            let resolved = try await self.resolve(client, id: 1, token: compliance, body: #"{"decision":"not_opt_out","reason":"advocacy slogan"}"#)
            #expect(resolved.0 == .ok)
            #expect(resolved.1.contains("\"resolved_by\":\"ana\""))
            let again = try await self.resolve(client, id: 1, token: compliance, body: #"{"decision":"opt_out","reason":"changed mind"}"#)
            #expect(again.0 == .conflict)
            let unknown = try await self.resolve(client, id: 99, token: compliance, body: #"{"decision":"opt_out","reason":"x"}"#)
            #expect(unknown.0 == .notFound)
        }
        // No automatic opt-out and no reply to the ambiguous text.
        #expect(app.sentKinds(to: self.phone) == [.joinConfirmation])
        #expect(try await app.services.store.subscriptionStatus(PhoneNumber(e164: self.phone)!, campaign: "rights") == .active)
    }

    @Test func onlyComplianceAndAdminMayReview() async throws {
        let app = try await TestApp()
        var tokens: [(String?, HTTPResponse.Status)] = [(nil, .unauthorized)]
        for (role, status) in [(Role.intake, HTTPResponse.Status.forbidden), (.campaigner, .forbidden), (.compliance, .ok), (.admin, .ok)] {
            tokens.append((try await app.token(role, name: role.rawValue), status))
        }
        let matrix = tokens
        try await app.application.test(.router) { client in
            for (token, status) in matrix {
                var headers: HTTPFields = [:]
                if let token { headers[.authorization] = "Bearer \(token)" }
                let got = try await client.execute(uri: "/v1/reviews?status=all", method: .get, headers: headers) { $0.status }
                #expect(got == status, "token \(token ?? "none")")
                let post = try await client.execute(
                    uri: "/v1/reviews/1/resolve", method: .post, headers: headers,
                    body: ByteBuffer(string: #"{"decision":"opt_out","reason":"x"}"#)
                ) { $0.status }
                // Allowed roles reach the handler (404: no such item); others are stopped first.
                #expect(post == (status == .ok ? .notFound : status), "token \(token ?? "none")")
            }
        }
    }

    @Test func anUndecidedItemBecomesAnOptOutAtItsDeadline() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "m1")
            try await client.text(self.phone, "END THE DEATH PENALTY", id: "m2")
        }
        let phone = PhoneNumber(e164: self.phone)!
        #expect(try await app.services.reviewDeadlines.sweep() == 0)
        app.clock.advance(by: 86_400)  // Sunday: not yet due
        #expect(try await app.services.reviewDeadlines.sweep() == 0)
        #expect(try await app.services.store.isSuppressed(phone) == false)
        app.clock.advance(by: 2 * 86_400)  // past Tuesday 12:00Z
        #expect(try await app.services.reviewDeadlines.sweep() == 1)
        #expect(try await app.services.store.isSuppressed(phone))
        let item = try #require(try await app.services.store.reviewItems(status: nil, limit: 1).first)
        #expect(item.status == .expiredOptOut)
        // Audited as such: the ledger says the review queue did it.
        let last = try #require(try await app.services.store.consentEvents(for: phone).last)
        #expect(last.action == "opt_out")
        #expect(last.source == "review")
        #expect(app.sentKinds(to: self.phone) == [.joinConfirmation])
    }

    @Test func aBadStatusFilterIsRejected() async throws {
        let app = try await TestApp()
        let token = try await app.token(.compliance)
        try await app.application.test(.router) { client in
            let status = try await client.execute(uri: "/v1/reviews?status=maybe", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0.status }
            #expect(status == .badRequest)
        }
    }
}
