import Foundation
import Testing
import TocsinCore

struct CampaignDraftTests {
    func draft(_ json: String) throws(CampaignValidationError) -> CampaignDraft {
        try CampaignDraft(json: Data(json.utf8))
    }

    @Test func readsEverySnakeCaseField() throws {
        let draft = try self.draft("""
            {"slug":"free-them","program_name":"Free Them","description":"d","category":"c","purpose":"advocacy",
             "frequency":"Up to 4 msgs/month","languages":["en","fr"],"jurisdiction":"GB",
             "action_link":"https://example.org","keywords":["FREE"],
             "call_target_name":"the Minister","call_target_number":"+12025550143"}
            """)
        #expect(draft == CampaignDraft(
            slug: "free-them", programName: "Free Them", description: "d", category: "c", purpose: "advocacy",
            frequency: "Up to 4 msgs/month", languages: ["en", "fr"], jurisdiction: "GB",
            actionLink: "https://example.org", keywords: ["FREE"], callTargetName: "the Minister", callTargetNumber: "+12025550143"))
        #expect(draft.fieldNames == CampaignDraft.jsonFields)
    }

    @Test func absentAndNullFieldsAreUnset() throws {
        let draft = try self.draft(#"{"category":null,"frequency":"Weekly"}"#)
        #expect(draft.category == nil)
        #expect(draft.fieldNames == ["frequency"])
    }

    @Test func nullActionLinkClearsIt() throws {
        #expect(try self.draft(#"{"action_link":null}"#).actionLink == "")
    }

    @Test(arguments: [
        (#"{"keywords":"RIGHTS"}"#, "keywords must be an array of strings"),
        (#"{"keywords":["RIGHTS",7]}"#, "keywords must be an array of strings"),
        (#"{"languages":[true]}"#, "languages must be an array of strings"),
        (#"{"slug":12}"#, "slug must be a string"),
        (#"{"program":"x"}"#, "unknown field program;"),
        (#"{"status":"archived","id":3}"#, "unknown fields id, status;"),
    ])
    func wrongTypesAndUnknownFieldsAreInvalid(json: String, message: String) {
        #expect {
            try self.draft(json)
        } throws: { error in
            let error = error as? CampaignValidationError
            return error?.kind == .invalid && error?.message.contains(message) == true
        }
    }

    @Test(arguments: ["", "[]", "\"x\"", "{\"slug\":", "not json"])
    func unreadableBodiesAreMalformed(json: String) {
        #expect {
            try self.draft(json)
        } throws: { error in
            (error as? CampaignValidationError)?.kind == .malformed
        }
    }
}
