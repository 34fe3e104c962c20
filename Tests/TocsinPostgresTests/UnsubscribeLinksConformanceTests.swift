import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// Signed unsubscribe links in the bulk claim, written once and run on both engines.
struct UnsubscribeLinksConformanceTests {
    let noon = Scenario.noon

    @Test(arguments: StoreEngine.allCases)
    func eachRecipientGetsTheirOwnUnsubscribeLink(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await Scenario.fannedOut(store, count: 3, bodies: ["en": "No more texts: {unsubscribe_url}"])
            #expect(store.links == nil)
            store.configureUnsubscribeLinks(baseURL: "https://t.example.org/", validityDays: 90)
            let links = try #require(store.links)
            #expect(links.baseURL == "https://t.example.org" && links.validity == 90 * 86_400)
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.count == 3)
            var ids: Set<Int64> = []
            for message in claimed {
                let line = try #require(message.sms.body.split(separator: "\n").first)
                #expect(line.hasPrefix("No more texts: https://t.example.org/u/"))
                let token = String(line.dropFirst("No more texts: https://t.example.org/u/".count))
                guard case .valid(let id) = links.check(token, now: self.noon) else {
                    Issue.record("\(token) is not a valid link")
                    continue
                }
                ids.insert(id)
                #expect(try await store.subscriberPhone(id: id) == message.sms.to)
                #expect(links.check(token, now: self.noon.addingTimeInterval(90 * 86_400 + 1)) == .expired)
            }
            #expect(ids.count == 3)
            #expect(try await store.subscriberPhone(id: 999) == nil)
        }
    }
}
