import Foundation
import Testing
import TocsinCore

struct CampaignValidationCallTargetTests {
    let validation = CampaignValidation(supportedLanguages: ["en", "fr"], isReservedKeyword: { $0 == "STOP" })
    let base = CampaignDraft(slug: "free-ana", programName: "Free Ana", frequency: "Up to 4 msgs/month", keywords: ["FREEANA"])

    @Test func setsBothFields() throws {
        var draft = self.base
        draft.callTargetName = " the Minister of Justice "
        draft.callTargetNumber = "+12025550143"
        let campaign = try self.validation.validateNew(draft)
        #expect(campaign.callTargetName == "the Minister of Justice")
        #expect(campaign.callTargetNumber == "+12025550143")
    }

    static let badTargets: [(String?, String?, String)] = [
        ("Minister", nil, "go together"), (nil, "+12025550143", "go together"),
        ("Minister", "2025550143", "E.164"), ("Minister", "+1 202 555 0143", "E.164"), ("Minister", "+15555550100", "E.164"),
        ("Line\nbreak", "+12025550143", "one line"),
    ]

    @Test(arguments: badTargets)
    func refusesBadTargets(_ name: String?, _ number: String?, _ problem: String) {
        var draft = self.base
        draft.callTargetName = name
        draft.callTargetNumber = number
        #expect(throws: CampaignValidationError.self) { try self.validation.validateNew(draft) }
        do {
            _ = try self.validation.validateNew(draft)
        } catch {
            #expect(error.description.contains(problem), "\(error)")
        }
    }

    @Test func emptyStringsClearTheTarget() throws {
        var campaign = try self.validation.validateNew(self.base)
        campaign.callTargetName = "the Minister"
        campaign.callTargetNumber = "+12025550143"
        let cleared = try self.validation.apply(CampaignDraft(callTargetName: "", callTargetNumber: ""), to: campaign)
        #expect(cleared.callTargetName == nil && cleared.callTargetNumber == nil)
        let renamed = try self.validation.apply(CampaignDraft(callTargetName: "the Premier"), to: campaign)
        #expect(renamed.callTargetName == "the Premier" && renamed.callTargetNumber == "+12025550143")
    }

    @Test func jsonBodiesCarryTheTarget() throws {
        let draft = try CampaignDraft(json: Data(#"{"call_target_name":"the Minister","call_target_number":null}"#.utf8))
        #expect(draft.callTargetName == "the Minister")
        #expect(draft.callTargetNumber == "")
        #expect(draft.fieldNames == ["call_target_name", "call_target_number"])
    }
}
