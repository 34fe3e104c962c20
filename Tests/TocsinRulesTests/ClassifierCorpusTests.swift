import Testing
import TocsinCore
import TocsinRules

/// Runs every row of `Fixtures/classifier-corpus.tsv` through the classifier.
struct ClassifierCorpusTests {
    @Test func corpusIsLargeAndCoversEveryTierAndLanguage() {
        let rows = ClassifierCorpus.rows
        #expect(rows.count >= 400)
        for tier in MatchTier.allCases {
            #expect(rows.contains { $0.tier == tier }, "no row for tier \(tier)")
        }
        for language in ["en", "fr", "es", "zh"] {
            for tier in [MatchTier.exact, .revocation, .ambiguous] {
                #expect(rows.contains { $0.language == language && $0.tier == tier }, "no \(language) row for \(tier)")
            }
        }
    }

    @Test(arguments: ClassifierCorpus.rows)
    func row(_ row: ClassifierCorpus.Row) {
        let result = SharedKeywords.classifier.classify(row.text, campaignKeywords: SharedKeywords.campaigns)
        let got = "\(result.intent.rawValue) \(result.tier.rawValue) \(result.language ?? "-") [\(result.rule ?? "no rule")]"
        let want = "\(row.intent.rawValue) \(row.tier.rawValue) \(row.language ?? "-")"
        #expect(
            result.intent == row.intent && result.tier == row.tier && result.language == row.language,
            "line \(row.line) \"\(row.raw)\": want \(want), got \(got)")
        #expect((result.rule == nil) == (result.tier == .none), "line \(row.line): a rule id is set exactly when a tier matched")
    }

    @Test func decodesEscapes() {
        #expect(ClassifierCorpus.decode(#"S\u{200B}TOP"#) == "S\u{200B}TOP")
        #expect(ClassifierCorpus.decode(#"\tstop\\"#) == "\tstop\\")
        #expect(ClassifierCorpus.decode(#"ARRE\u{0302}T"#).unicodeScalars.count == 6)
    }
}
