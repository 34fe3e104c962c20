import Testing
import TocsinRules

struct CampaignKeywordIndexTests {
    @Test func normalisesKeysAndFindsCampaigns() {
        let index = CampaignKeywordIndex(["Free-HK": "hk", "Rights": "rights", "🙏": "nothing"])
        #expect(index.campaign(forKeyword: "FREE HK") == "hk")
        #expect(index.campaign(forKeyword: "rights!") == "rights")
        #expect(index.campaign(forKeyword: "🙏") == nil)
        #expect(!index.isEmpty)
        #expect(CampaignKeywordIndex.empty.isEmpty)
    }

    @Test func aliasesThatNormaliseAlikeKeepTheFirstAlphabetically() {
        let index = CampaignKeywordIndex(["rights": "b", "RIGHTS": "a"])
        #expect(index.campaign(forKeyword: "Rights") == "a")
    }
}
