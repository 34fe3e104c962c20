import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting

struct OptOutRoutesTests {
    let phone = "+12125550621"

    @Test func aStaffOptOutSuppressesOrgWideWithTheStaffIdentity() async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner, name: "cam")
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "o1")
            let reply = try await client.send(
                .post, "/v1/opt-outs", token: campaigner, body: #"{"phone":"(212) 555-0621","channel":"phone","reason":"called the office"}"#
            )
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.text.contains(#""staff":"cam""#))
            let badChannel = try await client.send(.post, "/v1/opt-outs", token: campaigner, body: #"{"phone":"+12125550621","channel":"pigeon","reason":"x"}"#)
            #expect(badChannel.status == .unprocessableContent)
        }
        let number = try #require(PhoneNumber(e164: self.phone))
        #expect(try await app.services.store.isSuppressed(number))
        #expect(try await app.services.store.subscriptionStatus(number, campaign: "rights") == .optedOut)
        let last = try #require(try await app.services.store.consentEvents(for: number).last)
        #expect(last.source == "staff")
        #expect(last.rawText == "called the office")
        #expect(app.services.suppressionGuard.contains(self.phone))
    }

    @Test func anErasureLeavesNoNumberAndKeepsItSuppressed() async throws {
        let app = try await TestApp()
        let compliance = try await app.token(.compliance, name: "ana")
        let campaigner = try await app.token(.campaigner, name: "cam")
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "e1")
            let refused = try await client.send(.post, "/v1/erasures", token: campaigner, body: #"{"phone":"+12125550621","reason":"x"}"#)
            #expect(refused.status == .forbidden)
            let reply = try await client.send(.post, "/v1/erasures", token: compliance, body: #"{"phone":"+12125550621","reason":"GDPR request"}"#)
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.text.contains(#""consent_event":1"#))
            let verified = try await client.send(.get, "/v1/audit/verify", token: compliance)
            #expect(verified.text.contains(#""intact":true"#))
            // The number texts again: still suppressed, so a HELP gets its answer but no alert ever goes.
            try await client.text(self.phone, "HELP", id: "e2")
        }
        let number = try #require(PhoneNumber(e164: self.phone))
        #expect(try await app.services.store.isSuppressed(number))
        #expect(try await app.services.store.subscriptionStatus(number, campaign: "rights") == nil)
    }
}
