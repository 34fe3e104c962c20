import Foundation
import Testing
import TocsinCore

/// Launch checks against the repository's policies: each required-content rule, per jurisdiction.
struct LaunchCheckTests {
    static let shop = Campaign(
        id: 2, slug: "shop", programName: "Rights Shop", purpose: .commercial, frequency: "Up to 2 msgs/month",
        languages: ["en", "fr", "zh"], actionLink: "https://shop.example.org", keywords: ["SHOP"]
    )
    static let rights = Campaign(
        id: 1, slug: "rights", programName: "Rights Alerts", frequency: "Up to 4 msgs/month", languages: ["en", "fr"],
        actionLink: "https://rights.example.org/act", keywords: ["RIGHTS"]
    )

    func run(
        _ bodies: [String: String], campaign: Campaign = Self.shop, first: Bool = false, oneWay: Bool = false,
        _ groups: [(String, String?, Int)]
    ) -> LaunchCheck.Report {
        LaunchCheck(bodies: bodies, channel: .sms, campaign: campaign, brand: "RightsAlert", isFirstMessage: first, oneWaySender: oneWay)
            .run(recipients: groups.map { LaunchCheck.RecipientGroup(jurisdiction: $0.0, language: $0.1, count: $0.2) }, policies: SharedPolicies.set)
    }

    func failures(_ report: LaunchCheck.Report) -> [String] {
        report.failures.map { "\($0.jurisdiction) \($0.rule.id): \($0.reason)" }
    }

    @Test func aHongKongCommercialMessageNeedsTheBilingualUnsubscribeStatement() {
        let report = self.run(["en": "RightsAlert: 20% off shirts {action_link} Reply STOP to opt out"], [("hk", nil, 2)])
        #expect(self.failures(report) == [#"hk hk-uemo-unsubscribe-bilingual: bodies.en has no Chinese phrase such as "取消接收" (or another accepted phrase)"#])
        #expect(report.failures.first?.rule.source.contains("Cap. 593A reg 7") == true)
        let fixed = self.run(["en": "RightsAlert: 20% off shirts {action_link} Reply STOP to opt out. 回覆STOP取消訂閱"], [("hk", nil, 2)])
        #expect(fixed.passed)
        #expect(fixed.figures.first?.encoding == .ucs2)
    }

    @Test func aCanadianCEMNeedsIdentificationContactAndUnsubscribeInEnglishAndFrench() {
        let english = ["en": "{brand}: 20% off {action_link} Reply STOP to opt out"]
        let report = self.run(english, [("ca", "en", 3)])
        #expect(self.failures(report) == [
            "ca ca-casl-identification: no French body (bodies.fr): required in English and French",
            "ca ca-casl-contact: no French body (bodies.fr): required in English and French",
            "ca ca-casl-unsubscribe: no French body (bodies.fr): required in English and French",
        ])
        var both = english
        both["fr"] = "{brand} : 20 % de rabais {action_link}"
        #expect(self.failures(self.run(both, [("ca", "en", 3)])) == [
            #"ca ca-casl-unsubscribe: bodies.fr has no phrase such as "ARRET" (or another accepted phrase)"#
        ])
        both["fr"] = "{brand} : 20 % de rabais {action_link} Répondez ARRÊT pour vous désabonner"
        #expect(self.run(both, [("ca", "en", 3), ("ca", "fr", 1)]).passed)
        // Advocacy is not a CEM: English alone passes.
        #expect(self.run(["en": "{program}: call your MP"], campaign: Self.rights, [("ca", "en", 3)]).passed)
    }

    @Test func theFirstMessageOfAProgramNeedsItsName() {
        let body = ["en": "Act now: {action_link}"]
        let report = self.run(body, campaign: Self.rights, first: true, [("us-ny", "en", 4), ("us-fl", nil, 1)])
        #expect(self.failures(report) == [
            #"us-fl us-ctia-program-name-first-message: bodies.en has no phrase such as "Rights Alerts" (or another accepted phrase)"#,
            #"us-ny us-ctia-program-name-first-message: bodies.en has no phrase such as "Rights Alerts" (or another accepted phrase)"#,
        ])
        #expect(self.run(body, campaign: Self.rights, first: false, [("us-ny", "en", 4)]).passed)
        #expect(self.run(["en": "{program}: act now {action_link}"], campaign: Self.rights, first: true, [("us-ny", "en", 4)]).passed)
    }

    @Test func oneWaySendersNeedTheNoticeEverywhere() {
        #expect(LaunchCheck.isOneWay(sender: "RIGHTS"))
        #expect(LaunchCheck.isOneWay(sender: "#RightsHK"))
        #expect(!LaunchCheck.isOneWay(sender: "+14155550100"))
        #expect(!LaunchCheck.isOneWay(sender: "12345"))
        #expect(!LaunchCheck.isOneWay(sender: ""))
        let body = ["en": "{program}: act now {action_link}"]
        let report = self.run(body, campaign: Self.rights, oneWay: true, [("us", "en", 1), ("uk", "en", 1)])
        #expect(report.failures.map(\.rule.id) == ["uk-pecr-identity", "us-one-way-notice"])
        let fixed = self.run(["en": "{brand} {program}: act now {action_link}. Replies not monitored; opt out at {action_link}"], campaign: Self.rights, oneWay: true, [("us", "en", 1), ("uk", "en", 1)])
        #expect(fixed.passed, "\(self.failures(fixed))")
    }

    @Test func unknownNumbersGetEveryRule() {
        let report = self.run(["en": "{program}: act now {action_link}"], campaign: Self.rights, first: true, [("default", "en", 1)])
        #expect(report.failures.map(\.rule.id) == ["uk-pecr-identity", "uk-gdpr-right-to-object"])
    }

    @Test func figuresArePerJurisdictionAndLanguage() {
        let bodies = [
            "en": "{brand}: 20% off {action_link} Reply STOP to opt out. 回覆STOP取消訂閱",
            "fr": "{brand} : 20 % de rabais {action_link} Répondez ARRET pour vous désabonner",
        ]
        let report = self.run(bodies, [("ca", "fr", 2), ("ca", "en", 1), ("hk", nil, 3), ("us-fl", "es", 1)])
        #expect(report.passed, "\(self.failures(report))")
        let byKey = Dictionary(uniqueKeysWithValues: report.figures.map { ($0.jurisdiction, $0) })
        #expect(report.figures.map(\.jurisdiction) == ["ca", "hk", "us-fl"])
        let canada = byKey["ca"]
        #expect(canada?.recipients == 3)
        #expect(canada?.messages == 3)
        #expect(canada?.bodies["fr"]?.recipients == 2)
        #expect(canada?.bodies["fr"]?.count.encoding == .gsm7)
        #expect(canada?.encoding == .ucs2)  // the English body is UCS-2
        let english = SegmentCount.count("RightsAlert: 20% off https://shop.example.org Reply STOP to opt out. 回覆STOP取消訂閱")
        #expect(byKey["hk"]?.segments == 3 * english.segments)
        #expect(byKey["ca"]?.segments == english.segments + 2 * (canada?.bodies["fr"]?.count.segments ?? 0))
        #expect(byKey["us-fl"]?.bodies["en"]?.recipients == 1)  // Spanish speakers get the campaign's first language
    }
}
