import Foundation
import Testing
import TocsinCore
@testable import TocsinStore

struct UnsubscribeLinksTests {
    let now = Date(timeIntervalSince1970: 1_795_262_400)
    let links = UnsubscribeLinks(baseURL: "https://tocsin.example.org/", validity: 90 * 86_400, erasureKey: .random())

    @Test func aLinkCarriesTheSubscriberUntilItExpires() {
        let url = self.links.url(subscriberID: 42, now: self.now)
        #expect(url.hasPrefix("https://tocsin.example.org/u/"))
        let token = String(url.dropFirst("https://tocsin.example.org/u/".count))
        #expect(token.count == 44)
        #expect(self.links.check(token, now: self.now) == .valid(subscriberID: 42))
        #expect(self.links.check(token, now: self.now.addingTimeInterval(89 * 86_400)) == .valid(subscriberID: 42))
        #expect(self.links.check(token, now: self.now.addingTimeInterval(90 * 86_400 + 1)) == .expired)
    }

    @Test(arguments: [0, 5, 20, 43])
    func aTamperedTokenIsInvalid(_ position: Int) {
        var characters = Array(self.links.token(subscriberID: 7, expires: self.now.addingTimeInterval(3600)))
        characters[position] = characters[position] == "A" ? "B" : "A"
        #expect(self.links.check(String(characters), now: self.now) == .invalid)
    }

    @Test(arguments: ["", "abc", "not a token at all", String(repeating: "A", count: 44), String(repeating: "A", count: 200)])
    func garbageIsInvalid(_ token: String) {
        #expect(self.links.check(token, now: self.now) == .invalid)
    }

    @Test func anotherKeysLinkIsInvalid() {
        let other = UnsubscribeLinks(baseURL: "https://x", validity: 3600, erasureKey: .random())
        #expect(self.links.check(other.token(subscriberID: 1, expires: self.now.addingTimeInterval(60)), now: self.now) == .invalid)
    }
}
