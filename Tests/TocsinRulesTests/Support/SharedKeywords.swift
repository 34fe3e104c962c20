import TocsinRules

/// The repository's keyword files, loaded once for all tests.
enum SharedKeywords {
    static let set: KeywordSet = {
        do {
            return try KeywordSet.load(directory: TestPaths.keywords)
        } catch {
            fatalError("Keywords/ does not load: \(error)")
        }
    }()
    static let classifier = KeywordClassifier(set)
    static let campaigns = CampaignKeywordIndex(["RIGHTS": "campaign-rights", "FreeHK": "campaign-freehk"])
}
