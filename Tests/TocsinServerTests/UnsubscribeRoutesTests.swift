import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting

struct UnsubscribeRoutesTests {
    let phone = "+12125550631"
    let links = UnsubscribeLinks(baseURL: TestApp.publicURL, validity: 90 * 86_400, erasureKey: TestApp.erasureKey)

    @Test func theLinkShowsAPageAndOnlyThePostUnsubscribes() async throws {
        let app = try await TestApp()
        let token = self.links.token(subscriberID: 1, expires: app.clock.now.addingTimeInterval(3600))
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "u1")
            let page = try await client.send(.get, "/u/\(token)", token: nil)
            #expect(page.status == .ok)
            #expect(page.contentType?.hasPrefix("text/html") == true)
            #expect(page.text.contains("<form method=\"post\">"))
            #expect(!page.text.contains(self.phone) && !page.text.contains("0631"))
            #expect(try await app.services.store.isSuppressed(PhoneNumber(e164: self.phone)!) == false)
            let done = try await client.send(.post, "/u/\(token)", token: nil)
            #expect(done.status == .ok)
            #expect(done.text.contains("unsubscribed"))
        }
        let number = try #require(PhoneNumber(e164: self.phone))
        #expect(try await app.services.store.isSuppressed(number))
        #expect(try await app.services.store.consentEvents(for: number).last?.source == "web_link")
    }

    @Test func expiredAndTamperedLinksGetAClearError() async throws {
        let app = try await TestApp()
        let expired = self.links.token(subscriberID: 1, expires: app.clock.now.addingTimeInterval(-1))
        var tampered = Array(self.links.token(subscriberID: 1, expires: app.clock.now.addingTimeInterval(3600)))
        tampered[3] = tampered[3] == "x" ? "y" : "x"
        let forged = String(tampered)
        try await app.application.test(.router) { client in
            let gone = try await client.send(.post, "/u/\(expired)", token: nil)
            #expect(gone.status == .gone)
            #expect(gone.text.contains(#""code":"expired""#))
            var html = HTTPFields()
            html[.accept] = "text/html,application/xhtml+xml"
            let page = try await client.send(.get, "/u/\(forged)", token: nil, headers: html)
            #expect(page.status == .notFound)
            #expect(page.contentType?.hasPrefix("text/html") == true)
            #expect(page.text.contains("not valid"))
        }
    }

    @Test func alertBodiesMayCarryTheLink() {
        #expect(AlertDraft.placeholders.contains("unsubscribe_url"))
        let values = AlertDraft.values(campaign: Fixtures.rights, brand: "RightsAlert", firstName: nil)
        #expect(values["unsubscribe_url"]?.count == AlertDraft.sampleUnsubscribeURL.count)
        let url = self.links.url(subscriberID: 12, now: Date())
        #expect(url.count == TestApp.publicURL.count + 3 + 44)
    }
}
