import Foundation
import Testing
import TocsinCore

struct CampaignValidationTests {
    static let reserved: Set = ["STOP", "HELP", "START", "YES", "JOIN", "ARRET"]
    let validation = CampaignValidation(
        supportedLanguages: ["en", "es", "fr", "zh"], defaultLanguages: ["en"], defaultJurisdiction: "US",
        isReservedKeyword: { CampaignValidationTests.reserved.contains($0) }
    )

    func draft(
        slug: String? = "free-them", keywords: [String]? = ["FREETHEM"], languages: [String]? = nil,
        jurisdiction: String? = nil, actionLink: String? = nil, purpose: String? = nil
    ) -> CampaignDraft {
        CampaignDraft(
            slug: slug, programName: "Free Them Alerts", description: "Urgent actions", category: "Individuals at risk",
            purpose: purpose, frequency: "Up to 4 msgs/month", languages: languages, jurisdiction: jurisdiction,
            actionLink: actionLink, keywords: keywords
        )
    }

    func problems(_ draft: CampaignDraft) -> [String] {
        do {
            _ = try self.validation.validateNew(draft)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func aCompleteDraftBecomesAnActiveCampaignWithDefaults() throws {
        let campaign = try self.validation.validateNew(self.draft(keywords: [" freethem ", "Liberté"], actionLink: "https://example.org/act"))
        #expect(campaign.slug == "free-them")
        #expect(campaign.programName == "Free Them Alerts")
        #expect(campaign.keywords == ["FREETHEM", "LIBERTE"])
        #expect(campaign.languages == ["en"])
        #expect(campaign.jurisdiction == "US")
        #expect(campaign.purpose == .advocacy)
        #expect(campaign.status == .active)
        #expect(campaign.actionLink == "https://example.org/act")
    }

    @Test func everyMissingRequiredFieldIsNamed() {
        let problems = self.problems(CampaignDraft())
        #expect(problems.count == 4)
        for field in ["slug", "program_name", "frequency", "keywords"] {
            #expect(problems.contains { $0.hasPrefix("\(field) is required") }, "\(field)")
        }
    }

    @Test(arguments: ["Free-Them", "-rights", "", "free them", "rights!", String(repeating: "a", count: 65)])
    func badSlugsAreRefused(slug: String) {
        let problems = self.problems(self.draft(slug: slug))
        #expect(problems.count == 1)
        #expect(problems.first?.contains("must be 1–64 characters of a–z, 0–9 and '-'") == true)
    }

    @Test(arguments: [
        ("JOIN NOW", "one word without spaces"),
        ("FREE-THEM", "only letters and digits"),
        ("X", "must be 2–20 characters long, not 1"),
        (String(repeating: "A", count: 11) + String(repeating: "B", count: 10), "must be 2–20 characters long, not 21"),
        ("STOOOP", "repeats a letter three times"),
        ("stop", "is a system keyword"),
        ("Arrêt", "is a system keyword"),
        ("   ", "empty keyword"),
    ])
    func badKeywordsSayWhatToFix(keyword: String, expected: String) {
        let problems = self.problems(self.draft(keywords: [keyword]))
        #expect(problems.count == 1)
        #expect(problems.first?.contains(expected) == true, "\(problems)")
    }

    @Test func keywordsAreNormalisedAcrossWidthsAccentsAndCase() {
        #expect(CampaignValidation.normalizeKeyword(" ｆｒｅｅｈｋ ") == "FREEHK")
        #expect(CampaignValidation.normalizeKeyword("Liberté") == "LIBERTE")
        #expect(self.validation.keywordProblem("自由") == nil)
        #expect(self.validation.keywordProblem("RIGHTS2024") == nil)
    }

    @Test func keywordListsNeedOneToTenDistinctKeywords() {
        #expect(self.problems(self.draft(keywords: [])).first?.contains("needs 1–10 join keywords") == true)
        #expect(self.problems(self.draft(keywords: (0..<11).map { "KW\($0)" })).first?.contains("not 11") == true)
        #expect(self.problems(self.draft(keywords: ["FREE", "free"])) == ["keyword 'FREE' is listed twice"])
    }

    @Test func languagesMustHaveKeywordFiles() throws {
        #expect(try self.validation.validateNew(self.draft(languages: ["EN", "fr", "en"])).languages == ["en", "fr"])
        let problems = self.problems(self.draft(languages: ["en", "de"]))
        #expect(problems == ["language 'de' has no keyword file; use one of en, es, fr, zh"])
        #expect(self.problems(self.draft(languages: [])).first?.contains("at least one language") == true)
    }

    @Test(arguments: [("us", "US"), ("GB", "GB"), (" hk ", "HK"), ("US-CA", "US-CA")])
    func jurisdictionsAreISOCodes(input: String, stored: String) throws {
        #expect(try self.validation.validateNew(self.draft(jurisdiction: input)).jurisdiction == stored)
    }

    @Test(arguments: ["USA", "U", "12", "US-", "US-CALI", "United States"])
    func badJurisdictionsAreRefused(input: String) {
        #expect(self.problems(self.draft(jurisdiction: input)).first?.contains("ISO 3166") == true)
    }

    @Test(arguments: ["ftp://example.org/x", "example.org/act", "https://", "https://exa mple.org", "javascript:alert(1)"])
    func actionLinksMustBeHTTPURLs(link: String) {
        #expect(self.problems(self.draft(actionLink: link)).first?.contains("must be an http or https URL") == true)
    }

    @Test func purposeIsOneOfThree() throws {
        #expect(try self.validation.validateNew(self.draft(purpose: "Fundraising")).purpose == .fundraising)
        #expect(self.problems(self.draft(purpose: "marketing")) == ["purpose must be one of advocacy, fundraising, commercial, not 'marketing'"])
    }

    @Test func textFieldsAreTrimmedOneLineAndBounded() {
        var draft = self.draft()
        draft.programName = "  "
        #expect(self.problems(draft) == ["program_name must not be empty"])
        draft.programName = "Free\nThem"
        #expect(self.problems(draft) == ["program_name must be one line (no line breaks)"])
        draft.programName = String(repeating: "x", count: 65)
        #expect(self.problems(draft) == ["program_name must be at most 64 characters, not 65"])
    }

    @Test func allProblemsAreReportedTogether() {
        let problems = self.problems(self.draft(slug: "Bad Slug", keywords: ["STOP"], languages: ["de"]))
        #expect(problems.count == 3)
    }

    @Test func anUpdateChangesOnlyTheFieldsItSets() throws {
        let stored = try self.validation.validateNew(self.draft(actionLink: "https://example.org/act"))
        let updated = try self.validation.apply(CampaignDraft(frequency: "Up to 2 msgs/week", keywords: ["NEWKW"]), to: stored)
        #expect(updated.frequency == "Up to 2 msgs/week")
        #expect(updated.keywords == ["NEWKW"])
        #expect(updated.programName == stored.programName)
        #expect(updated.actionLink == stored.actionLink)
        let cleared = try self.validation.apply(CampaignDraft(actionLink: ""), to: stored)
        #expect(cleared.actionLink == nil)
    }

    @Test func anUpdateCannotChangeTheSlugOrBeEmpty() throws {
        let stored = try self.validation.validateNew(self.draft())
        #expect(throws: CampaignValidationError.self) { try self.validation.apply(CampaignDraft(slug: "other"), to: stored) }
        #expect(throws: CampaignValidationError.self) { try self.validation.apply(CampaignDraft(), to: stored) }
        // The same slug is not a change.
        #expect(try self.validation.apply(CampaignDraft(slug: "free-them", category: "Death penalty"), to: stored).category == "Death penalty")
    }
}
