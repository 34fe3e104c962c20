import Testing
import TocsinRules

struct TextNormalizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let expected: String
        var testDescription: String { "\(self.input.debugDescription) → \(self.expected.debugDescription)" }
    }

    static let cases: [Case] = [
        .init(input: "Stop.", expected: "STOP"),
        .init(input: "  stop!!  ", expected: "STOP"),
        .init(input: " stop!! 🙏", expected: "STOP"),
        .init(input: "ＳＴＯＰ", expected: "STOP"),
        .init(input: "Arrêt", expected: "ARRET"),
        .init(input: "ARRE\u{0302}T", expected: "ARRET"),
        .init(input: "S\u{200B}TOP", expected: "STOP"),
        .init(input: "\u{FEFF}ST\u{200D}OP\u{2060}", expected: "STOP"),
        .init(input: "STOP\u{FE0F}", expected: "STOP"),
        .init(input: "S\u{00AD}TOP", expected: "STOP"),
        .init(input: "stop\u{00A0}\u{00A0}please", expected: "STOP PLEASE"),
        .init(input: "Stop,   please...", expected: "STOP PLEASE"),
        .init(input: "opt-out", expected: "OPT OUT"),
        .init(input: "don't text me", expected: "DONT TEXT ME"),
        .init(input: "don’t text me", expected: "DONT TEXT ME"),
        .init(input: "ne m'envoyez plus", expected: "NE MENVOYEZ PLUS"),
        .init(input: "S T O P", expected: "STOP"),
        .init(input: "s.t.o.p", expected: "STOP"),
        .init(input: "T D", expected: "TD"),
        .init(input: "plan B A", expected: "PLAN B A"),
        .init(input: "please s t o p now", expected: "PLEASE STOP NOW"),
        .init(input: "stopppp", expected: "STOP"),
        .init(input: "STOOOOP", expected: "STOP"),
        .init(input: "oops", expected: "OOPS"),
        .init(input: "ARRETT", expected: "ARRETT"),
        .init(input: "取消", expected: "取消"),
        .init(input: "取消。", expected: "取消"),
        .init(input: "唔好再send俾我", expected: "唔好再SEND俾我"),
        .init(input: "不要 再 發", expected: "不要 再 發"),
        .init(input: "¡No más!", expected: "NO MAS"),
        .init(input: "𝐒𝐓𝐎𝐏", expected: "STOP"),
        .init(input: "①②", expected: "12"),
        .init(input: "Straße", expected: "STRASSE"),
        .init(input: "🙏🙏", expected: ""),
        .init(input: "", expected: ""),
        .init(input: "\t\n ", expected: ""),
    ]

    @Test(arguments: cases)
    func normalizes(_ testCase: Case) {
        #expect(TextNormalizer.normalize(testCase.input).text == testCase.expected)
    }

    @Test func asciiTextTakesTheFastPath() {
        #expect(TextNormalizer.normalize("Stop please").isASCII)
        #expect(!TextNormalizer.normalize("Arrêt").isASCII)
    }

    @Test func asciiAndUnicodePathsAgree() {
        // Forcing the Unicode path with a trailing zero-width space must not change the result.
        for text in [
            "Stop, please!", "S T O P", "s.t.o.p", "T D", "plan B A", "please s t o p now", "don't text me",
            "stoooop it", "YESSSS", "aaa bbb", "  a  b  ", "OPT-OUT", "x.y.z", "1000 stops", "a", "",
        ] {
            #expect(TextNormalizer.normalize(text).text == TextNormalizer.normalize(text + "\u{200B}").text, "\(text)")
        }
    }

    @Test func squeezedRunsOfferATwoLetterAlternative() {
        let result = TextNormalizer.normalize("OOOOPS")
        #expect(result.squeezedRuns)
        #expect(result.text == "OPS")
        #expect(result.alternative == "OOPS")
        #expect(TextNormalizer.normalize("OOPS").alternative == nil)
    }

    @Test func lookAlikeLettersProduceASkeleton() {
        let cyrillic = TextNormalizer.normalize("STОP")  // Cyrillic О
        #expect(cyrillic.hasConfusables)
        #expect(cyrillic.skeleton == "STOP")
        #expect(cyrillic.text != "STOP")
        #expect(TextNormalizer.normalize("SΤOP").skeleton == "STOP")  // Greek Tau
        #expect(TextNormalizer.normalize("Ꮪ Ꭲ Ꮎ Ꮲ").skeleton == "STOP")  // Cherokee, spelled out
        #expect(!TextNormalizer.normalize("Arrêt").hasConfusables)
        #expect(!TextNormalizer.normalize("取消").hasConfusables)
    }
}
