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
        var texts: [String] = []
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...6, using: &generator)
            texts.append((0..<length).map { _ in words.randomElement(using: &generator)! }.joined(separator: " "))
        }
        // Corpus messages with words before and after, so that phrases start at later word starts.
        for row in ClassifierCorpus.rows where row.text.utf8.allSatisfy({ $0 < 0x80 }) {
            let before = words.randomElement(using: &generator)!
            let after = words.randomElement(using: &generator)!
            texts += ["\(before) \(row.text)", "\(row.text) \(after)", "\(before) \(row.text) \(after)"]
        }
        var differences: [String] = []
        for text in texts {
            let (gated, full) = self.both(text)
            if gated != full { differences.append("\(text): gated \(gated.rule ?? "-"), full \(full.rule ?? "-")") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    @Test func gateKnowsWindowsAndFiltersChatter() {
        #expect(self.engine.gate.windowCount > 100)
        func candidates(_ text: String) -> UInt64 {
            var text = text
            return text.withUTF8 { self.engine.gate.candidates($0, at: 0) }
        }
        #expect(candidates("WHERE IS THE RALLY") == 0)
        #expect(candidates("STOP POLICE VIOLENCE") == 0, "no phrase starts STOP POL")
        #expect(candidates("STOP TEXTING ME") & self.engine.anywhereBits != 0)
        #expect(candidates("ALTO") & PrefixGate.routeBit != 0, "a whole phrase shorter than the window")
        #expect(candidates("NO ME MANDEN MAS COBROS") & self.engine.ambiguousBits != 0)
    }
}
