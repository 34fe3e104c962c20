import Foundation
import TocsinCore
import TocsinRules

/// Measures ``KeywordClassifier`` throughput on one core, beside two naive ways of doing the keyword job:
/// a dictionary lookup of the trimmed, uppercased text, and a Swift `Regex` alternation of the keywords.
///
/// The corpus imitates inbound traffic after an alert: mostly plain-ASCII keywords in assorted case and
/// punctuation, some chatter, some sentences, and a few non-ASCII messages (French, Spanish, Chinese,
/// full-width). It is generated deterministically so runs compare.
public enum ClassifierBench {
    /// Runs the benchmark and returns printable lines.
    ///
    /// - Parameters:
    ///   - keywordsDirectory: the `Keywords/` directory to load.
    ///   - messages: corpus size for the classifier and dictionary runs (Swift Regex runs a tenth of it).
    public static func run(keywordsDirectory: String, messages: Int = 1_000_000) throws -> [String] {
        let set = try KeywordSet.load(directory: keywordsDirectory)
        let classifier = KeywordClassifier(set)
        let campaigns = CampaignKeywordIndex(["RIGHTS": "campaign-rights", "FREEHK": "campaign-freehk"])
        let corpus = Self.corpus(count: messages)
        let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
        let nonASCII = corpus.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }.count

        var lines = [
            "classifier corpus: \(messages) messages, avg \(Self.format(Double(bytes) / Double(messages))) bytes, "
                + "\(Self.format(100 * Double(nonASCII) / Double(messages)))% non-ASCII",
        ]
        let tiers = Dictionary(grouping: corpus.prefix(20_000)) { classifier.classify($0, campaignKeywords: campaigns).tier }
        lines.append(
            "  tiers in the corpus: "
                + MatchTier.allCases.map { "\($0.rawValue) \(Self.format(100 * Double(tiers[$0]?.count ?? 0) / 20_000))%" }
                .joined(separator: ", "))

        let classified = Self.measure(corpus) { classifier.classify($0, campaignKeywords: campaigns).tier != .none }
        lines.append(Self.line("KeywordClassifier (3 tiers, PCRE2 JIT)", classified))
        for (label, filter) in Self.slices {
            let slice = corpus.filter(filter)
            guard !slice.isEmpty else { continue }
            let result = Self.measure(slice) { classifier.classify($0, campaignKeywords: campaigns).tier != .none }
            lines.append(Self.line("  \(label)", result))
        }

        let dictionary = Self.keywordDictionary(set)
        let looked = Self.measure(corpus) {
            dictionary[$0.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()] != nil
        }
        lines.append(Self.line("dictionary lookup of trimmed uppercased text", looked))

        let regexCorpus = Array(corpus.prefix(max(1, messages / 10)))
        let regexResult = try Self.measureRegex(regexCorpus, keywords: dictionary.keys.sorted())
        lines.append(Self.line("Swift Regex keyword alternation", regexResult))

        let rate = Double(classified.count) / classified.seconds
        let verdict = rate >= 5_000_000 ? "met" : "NOT met"
        lines.append("target 5,000,000 messages/s for KeywordClassifier: \(verdict) (\(Self.format(rate / 1e6))M/s)")
        return lines
    }

    // MARK: - Measuring

    struct Result {
        var count: Int
        var seconds: Double
        var hits: Int
    }

    /// Best of three passes over `corpus`.
    static func measure(_ corpus: [String], _ body: (String) -> Bool) -> Result {
        var best = Double.infinity
        var hits = 0
        for _ in 0..<3 {
            var found = 0
            let start = ContinuousClock.now
            for text in corpus where body(text) { found &+= 1 }
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            hits = found
        }
        return Result(count: corpus.count, seconds: best, hits: hits)
    }

    static func measureRegex(_ corpus: [String], keywords: [String]) throws -> Result {
        let alternation = keywords.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|")
        let regex = try Regex("^[\\s\\p{P}\\p{S}]*(?:\(alternation))[\\s\\p{P}\\p{S}]*$").ignoresCase()
        return Self.measure(corpus) { (try? regex.wholeMatch(in: $0)) != nil }
    }

    static func line(_ label: String, _ result: Result) -> String {
        let rate = Double(result.count) / result.seconds
        let nanos = result.seconds * 1e9 / Double(result.count)
        return "\(label): \(Self.format(rate / 1e6))M messages/s (\(Self.format(nanos)) ns/message, "
            + "\(result.hits)/\(result.count) matched)"
    }

    static func format(_ value: Double) -> String {
        String(format: value < 10 ? "%.2f" : "%.1f", value)
    }

    static func keywordDictionary(_ set: KeywordSet) -> [String: Intent] {
        var dictionary: [String: Intent] = [:]
        for language in set.languages {
            for (intent, keywords) in set.keywords(language: language) {
                for keyword in keywords { dictionary[keyword] = intent }
            }
        }
        return dictionary
    }
}

// MARK: - Corpus

extension ClassifierBench {
    /// Keywords as supporters type them (plain ASCII).
    static let keywords = [
        "STOP", "stop", "Stop", "Stop.", "STOP!", "stop ", " STOP", "YES", "yes", "Yes!", "Y", "y", "HELP", "help",
        "Help?", "INFO", "START", "start", "UNSTOP", "END", "cancel", "Cancel", "QUIT", "unsubscribe", "Unsubscribe",
        "RIGHTS", "rights", "JOIN RIGHTS", "join rights", "FREEHK", "FreeHK", "OOPS", "stop!!", "Stop please",
        "STOP STOP", "opt out", "s t o p", "stopppp", "T", "TD",
    ]
    /// Chatter with no keyword.
    static let chatter = [
        "Thanks!", "ok", "OK thanks", "Who is this?", "I signed the petition", "Where is the rally?",
        "Is the vigil still on tonight?", "Done, called my rep", "Great work, keep it up", "lol", "no",
        "See you there", "Can you send me the link again?", "How can I donate?",
    ]
    /// Sentences: revocations and advocacy with per-se words, and longer chatter.
    static let sentences = [
        "please stop texting me", "Stop texting me, I never signed up for this", "remove me from your list",
        "Take me off your list please", "STOP police violence", "END THE DEATH PENALTY",
        "We have got to STOP this terrible bill", "Stop the execution now!", "STOP 12345", "Stop. Thank you",
        "don't text me again", "wrong number, I'm not John", "I called my senator about the bill today",
        "My whole family signed the petition this morning, thank you for organising it",
        "Cancel the extradition bill!", "leave me alone", "What time does the march start on Saturday?",
    ]
    /// A few non-ASCII messages.
    static let nonASCII = [
        "Arrêt", "ARRÊT svp", "取消", "ＳＴＯＰ", "No más", "不要再發短信給我", "唔該stop", "Sí", "Merci beaucoup !",
        "停止警察暴力", "STОP",
    ]

    /// `count` messages: about 58% keywords, 14% chatter, 26% sentences, 2% non-ASCII.
    static func corpus(count: Int) -> [String] {
        var generator = SplitMix64(seed: 0x70C5_1A7E)
        var corpus: [String] = []
        corpus.reserveCapacity(count)
        for _ in 0..<count {
            let roll = generator.next() % 100
            let pool: [String]
            switch roll {
            case 0..<58: pool = Self.keywords
            case 58..<72: pool = Self.chatter
            case 72..<98: pool = Self.sentences
            default: pool = Self.nonASCII
            }
            // Copy through an array so that every message has its own storage, like texts parsed from requests.
            corpus.append(String(decoding: Array(pool[Int(generator.next() % UInt64(pool.count))].utf8), as: UTF8.self))
        }
        return corpus
    }

    /// Labelled slices measured separately.
    static let slices: [(String, @Sendable (String) -> Bool)] = [
        ("plain-ASCII keywords only", { text in Self.keywords.contains(text) }),
        ("sentences only", { text in Self.sentences.contains(text) }),
        ("non-ASCII only", { text in Self.nonASCII.contains(text) }),
    ]
}

extension ClassifierBench {
    /// A small deterministic generator (SplitMix64), so the corpus is the same on every run.
    struct SplitMix64 {
        private var state: UInt64

        init(seed: UInt64) { self.state = seed }

        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var value = self.state
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            return value ^ (value >> 31)
        }
    }
}
