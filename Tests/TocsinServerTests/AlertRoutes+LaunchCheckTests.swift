import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

/// Launch checks on `POST /v1/campaigns/{slug}/alerts`, `/alerts/check` and resume.
struct AlertLaunchCheckTests {
    static let shop = Campaign(
        slug: "shop", programName: "Rights Shop", purpose: .commercial, frequency: "Up to 2 msgs/month",
        languages: ["en", "fr", "zh"], actionLink: "https://shop.example.org", keywords: ["SHOP"]
    )
    static let englishOnly = #"{"name":"Sale","bodies":{"en":"{brand}: 20% off shirts {action_link} Reply STOP to opt out"},"schedule":{"kind":"once"}}"#
    static let compliant = #"{"name":"Sale","bodies":{"en":"{brand}: 20% off {action_link} Reply STOP to opt out. 回覆STOP取消訂閱","fr":"{brand} : 20 % de rabais {action_link} Répondez ARRET pour vous désabonner"},"schedule":{"kind":"once"}}"#

    func post(_ client: some TestClientProtocol, _ uri: String, token: String, _ body: String = "") async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/json", .authorization: "Bearer \(token)"], body: ByteBuffer(string: body)
        ) { response in
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (response.status, object)
        }
    }

    /// A shop campaign joined by two Hong Kong numbers, one in Quebec and one in Florida.
    func shopApp() async throws -> TestApp {
        let app = try await TestApp()
        _ = try await app.services.store.upsertCampaign(Self.shop, actor: "test", now: app.clock.now)
        try await app.services.directory.reload(from: app.services.store)
        try await app.application.test(.router) { client in
            for (index, number) in ["+85291234567", "+85291234568", "+15145550123", "+13055550123"].enumerated() {
                try await client.text(number, "SHOP", id: "j\(index)")
            }
        }
        return app
    }

    static func failures(_ object: [String: Any]) -> [[String: String]] {
        let check = object["launch_check"] as? [String: Any]
        return (check?["failures"] as? [[String: Any]] ?? []).map { $0.compactMapValues { $0 as? String } }
    }

    static func figures(_ object: [String: Any]) -> [String: [String: Any]] {
        let check = object["launch_check"] as? [String: Any]
        let list = check?["jurisdictions"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: list.map { ($0["jurisdiction"] as? String ?? "", $0) })
    }

    @Test func anAlertMissingRequiredContentIsRefusedWithEveryFailedRule() async throws {
        let app = try await self.shopApp()
        let campaigner = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            let (status, object) = try await self.post(client, "/v1/campaigns/shop/alerts", token: campaigner, Self.englishOnly)
            #expect(status == .unprocessableContent)
            let error = object["error"] as? [String: Any]
            #expect(error?["code"] as? String == "launch_check_failed")
            let failures = Self.failures(object)
            #expect(failures.map { "\($0["jurisdiction"] ?? "") \($0["rule"] ?? "")" } == [
                "ca ca-casl-identification", "ca ca-casl-contact", "ca ca-casl-unsubscribe", "hk hk-uemo-unsubscribe-bilingual",
            ])
            #expect(failures.last?["reason"] == #"bodies.en has no Chinese phrase such as "取消接收" (or another accepted phrase)"#)
            #expect(failures.last?["source"]?.contains("Cap. 593A reg 7") == true)
            #expect(failures.first?["reason"] == "no French body (bodies.fr): required in English and French")
            #expect(failures.first?["source"]?.contains("CASL s.6(2)") == true)
            #expect(Self.figures(object)["hk"]?["recipients"] as? Int == 2)
        }
        #expect(try await app.services.store.alerts(campaignID: 3).isEmpty)
    }

    @Test func aCompliantAlertIsCreatedWithPerJurisdictionFigures() async throws {
        let app = try await self.shopApp()
        let campaigner = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            let (status, object) = try await self.post(client, "/v1/campaigns/shop/alerts", token: campaigner, Self.compliant)
            #expect(status == .created, "\(object)")
            #expect((object["launch_check"] as? [String: Any])?["passed"] as? Bool == true)
            let figures = Self.figures(object)
            #expect(figures.keys.sorted() == ["ca", "hk", "us-fl"])
            #expect(figures["hk"]?["recipients"] as? Int == 2)
            #expect(figures["hk"]?["messages"] as? Int == 2)
            #expect(figures["hk"]?["encoding"] as? String == "UCS-2")
            let english = SegmentCount.count("RightsAlert: 20% off https://shop.example.org Reply STOP to opt out. 回覆STOP取消訂閱")
            #expect(figures["hk"]?["segments"] as? Int == 2 * english.segments)
            #expect(figures["us-fl"]?["recipients"] as? Int == 1)
        }
    }

    @Test func theDryRunStoresNothing() async throws {
        let app = try await self.shopApp()
        let compliance = try await app.token(.compliance)
        try await app.application.test(.router) { client in
            let (status, object) = try await self.post(client, "/v1/campaigns/shop/alerts/check", token: compliance, Self.englishOnly)
            #expect(status == .ok)
            #expect((object["launch_check"] as? [String: Any])?["passed"] as? Bool == false)
            #expect(Self.failures(object).count == 4)
            let passing = try await self.post(client, "/v1/campaigns/shop/alerts/check", token: compliance, Self.compliant)
            #expect((passing.1["launch_check"] as? [String: Any])?["passed"] as? Bool == true)
        }
        #expect(try await app.services.store.alerts(campaignID: 3).isEmpty)
    }

    @Test func theFirstMessageOfAProgramNeedsItsNameAndResumeIsCheckedAgain() async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            for index in 0..<2 { try await client.text("+1212555070\(index)", "RIGHTS", id: "j\(index)") }
            let plain = #"{"name":"Now","bodies":{"en":"Act now: {action_link}"},"schedule":{"kind":"once","at":"2030-01-01T15:00:00Z"}}"#
            let refused = try await self.post(client, "/v1/campaigns/rights/alerts", token: campaigner, plain)
            #expect(refused.0 == .unprocessableContent)
            #expect(Self.failures(refused.1).map { $0["rule"] ?? "" } == ["us-ctia-program-name-first-message"])
            #expect(Self.failures(refused.1).first?["jurisdiction"] == "us-ny")
            #expect(Self.failures(refused.1).first?["reason"] == #"bodies.en has no phrase such as "Rights Alerts" (or another accepted phrase)"#)
            let named = #"{"name":"Now","bodies":{"en":"{program}: act now: {action_link}"},"schedule":{"kind":"once","at":"2030-01-01T15:00:00Z"}}"#
            let first = try await self.post(client, "/v1/campaigns/rights/alerts", token: campaigner, named)
            #expect(first.0 == .created)
            // The second alert is not the first message any more.
            let second = try await self.post(client, "/v1/campaigns/rights/alerts", token: campaigner, plain)
            #expect(second.0 == .created)
            let paused = try await self.post(client, "/v1/alerts/2/pause", token: campaigner)
            #expect(paused.0 == .ok)
            // A UK supporter joins: every UK message must name the sender.
            try await client.text("+447911123456", "RIGHTS", id: "uk")
            let resumed = try await self.post(client, "/v1/alerts/2/resume", token: campaigner)
            #expect(resumed.0 == .unprocessableContent)
            #expect(Self.failures(resumed.1).map { "\($0["jurisdiction"] ?? "") \($0["rule"] ?? "")" } == ["uk uk-pecr-identity"])
        }
        #expect(try await app.services.store.alert(id: 2)?.status == .paused)
    }

    @Test func reportModeShowsButNeverRefuses() async throws {
        let app = try await TestApp(values: ["compliance.launch_checks": "report"])
        let campaigner = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            try await client.text("+12125550700", "RIGHTS", id: "j0")
            let (status, object) = try await self.post(client, "/v1/campaigns/rights/alerts", token: campaigner,
                #"{"name":"Now","bodies":{"en":"Act now"},"schedule":{"kind":"once"}}"#)
            #expect(status == .created)
            #expect((object["launch_check"] as? [String: Any])?["passed"] as? Bool == false)
        }
    }
}
