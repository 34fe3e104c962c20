import Testing
import TocsinCore
@testable import TocsinRules

/// The prefix gate must never change a result: gated and full pattern runs agree.
struct RuleEngineTests {
    let engine = SharedKeywords.set.engine

    private func both(_ text: String) -> (gated: Classification, full: Classification) {
        let classifier = SharedKeywords.classifier
        return (classifier.classify(text), Self.classification(classifier.hit(text, campaignKeywords: .empty, useGate: false)))
    }

    private static func classification(_ hit: RuleHit) -> Classification {
        guard case .rule(let index) = hit else { return .unmatched }
        return SharedKeywords.set.engine.rules[Int(index)]
    }

    @Test func gateAgreesWithFullRunsOnTheCorpus() {
        for row in ClassifierCorpus.rows {
            let (gated, full) = self.both(row.text)
            #expect(gated == full, "line \(row.line): \(row.raw)")
        }
    }

    @Test func gateAgreesOnRandomWordSequences() {
        // Words from the corpus and the keyword files, shuffled into short messages.
        var vocabulary = Set<String>()
        for row in ClassifierCorpus.rows { vocabulary.formUnion(TextNormalizer.normalize(row.text).text.split(separator: " ").map(String.init)) }
        for rules in SharedKeywords.set.rules.values {
            for word in rules.filler + rules.perSe { vocabulary.formUnion(word.normalized.split(separator: " ").map(String.init)) }
        }
        let words = vocabulary.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.sorted()
        var generator = SystemRandomNumberGenerator()
        var differences: [String] = []
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...6, using: &generator)
            let text = (0..<length).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
            let (gated, full) = self.both(text)
            if gated != full { differences.append("\(text): gated \(gated.rule ?? "-"), full \(full.rule ?? "-")") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    @Test func gateKnowsWindowsAndFiltersChatter() {
        #expect(self.engine.gate.windowCount > 100)
        var chatter = "WHERE IS THE RALLY"
        chatter.withUTF8 { bytes in
            #expect(self.engine.gate.tiers(bytes, at: 0).isEmpty)
            #expect(self.engine.gate.tiers(bytes, at: 0).isEmpty)
        }
        var advocacy = "STOP POLICE VIOLENCE"
        advocacy.withUTF8 { bytes in
            #expect(!self.engine.gate.tiers(bytes, at: 0).contains(.anywhere), "no anywhere phrase starts STOP POL")
            #expect(self.engine.gate.tiers(bytes, at: 0).contains(.ambiguous))
        }
        var revocation = "STOP TEXTING ME"
        revocation.withUTF8 { #expect(self.engine.gate.tiers($0, at: 0).contains(.anywhere)) }
        var short = "ALTO"  // a whole phrase shorter than the 8-byte window
        short.withUTF8 { #expect(self.engine.gate.tiers($0, at: 0).contains(.phrase)) }
    }

    @Test func fillerChainFindsPerSeWordsAmongFillers() {
        let chain = self.engine.fillerChain
        func mark(_ text: String) -> Int32 {
            var text = text
            return text.withUTF8 { bytes in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * bytes.count + 2) { chain.match(bytes, state: $0) }
            }
        }
        #expect(mark("PLEASE STOP THANK YOU") >= 0)
        #expect(mark("唔該取消") >= 0)
        #expect(mark("唔該STOP呀") >= 0)
        #expect(mark("THANK YOU") < 0, "filler alone is not a revocation")
        #expect(mark("STOP THE BILL") < 0)
        #expect(mark("PLEASESTOP") < 0, "two Latin words need a space")
        #expect(mark("STOPPLEASE") < 0)
    }
}
