import Foundation
import Testing
import TocsinCore

struct SegmentsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let text: String
        let encoding: SMSEncoding
        let units: Int
        let segments: Int
    }

    private static func repeated(_ piece: String, _ count: Int) -> String {
        String(repeating: piece, count: count)
    }

    static let boundaries: [Case] = [
        .init(testDescription: "empty text is one segment", text: "", encoding: .gsm7, units: 0, segments: 1),
        .init(testDescription: "GSM-7 160", text: repeated("a", 160), encoding: .gsm7, units: 160, segments: 1),
        .init(testDescription: "GSM-7 161", text: repeated("a", 161), encoding: .gsm7, units: 161, segments: 2),
        .init(testDescription: "GSM-7 306", text: repeated("a", 306), encoding: .gsm7, units: 306, segments: 2),
        .init(testDescription: "GSM-7 307", text: repeated("a", 307), encoding: .gsm7, units: 307, segments: 3),
        .init(testDescription: "UCS-2 70", text: repeated("ê", 70), encoding: .ucs2, units: 70, segments: 1),
        .init(testDescription: "UCS-2 71", text: repeated("ê", 71), encoding: .ucs2, units: 71, segments: 2),
        .init(testDescription: "UCS-2 134", text: repeated("ê", 134), encoding: .ucs2, units: 134, segments: 2),
        .init(testDescription: "UCS-2 135", text: repeated("ê", 135), encoding: .ucs2, units: 135, segments: 3),
        // Extension characters cost two septets and never straddle a segment boundary.
        .init(
            testDescription: "158 + € fills one SMS exactly",
            text: repeated("a", 158) + "€", encoding: .gsm7, units: 160, segments: 1
        ),
        .init(
            testDescription: "159 + € needs two",
            text: repeated("a", 159) + "€", encoding: .gsm7, units: 161, segments: 2
        ),
        .init(
            testDescription: "ESC pair pushed to segment 2 leaves segment 1 at 152",
            text: repeated("a", 152) + "{" + repeated("a", 152), encoding: .gsm7, units: 306, segments: 3
        ),
        .init(
            testDescription: "ESC pair that fits at 153",
            text: repeated("a", 151) + "}" + repeated("a", 153), encoding: .gsm7, units: 306, segments: 2
        ),
        .init(
            testDescription: "only extension characters",
            text: repeated("[]", 40), encoding: .gsm7, units: 160, segments: 1
        ),
        // Surrogate pairs count 2 and never straddle a segment boundary.
        .init(testDescription: "one emoji", text: "😀", encoding: .ucs2, units: 2, segments: 1),
        .init(testDescription: "35 emoji = 70", text: repeated("😀", 35), encoding: .ucs2, units: 70, segments: 1),
        .init(testDescription: "36 emoji = 72", text: repeated("😀", 36), encoding: .ucs2, units: 72, segments: 2),
        .init(
            testDescription: "67 emoji pack 33 per segment",
            text: repeated("😀", 67), encoding: .ucs2, units: 134, segments: 3
        ),
        .init(
            testDescription: "emoji pushed to segment 2 leaves segment 1 at 66",
            text: repeated("ê", 66) + "😀" + repeated("ê", 66), encoding: .ucs2, units: 134, segments: 3
        ),
        .init(
            testDescription: "emoji at the end of a single SMS",
            text: repeated("ê", 68) + "😀", encoding: .ucs2, units: 70, segments: 1
        ),
        .init(
            testDescription: "emoji one unit too many",
            text: repeated("ê", 69) + "😀", encoding: .ucs2, units: 71, segments: 2
        ),
    ]

    @Test(arguments: boundaries)
    func boundary(_ c: Case) {
        let count = SegmentCount.count(c.text)
        #expect(count.encoding == c.encoding)
        #expect(count.units == c.units)
        #expect(count.segments == c.segments)
    }

    @Test func everyBasicCharacterIsOneSeptet() {
        let all = String(String.UnicodeScalarView(GSM7Alphabet.basicTable.compactMap { $0 }))
        let count = SegmentCount.count(all)
        #expect(count.encoding == .gsm7)
        #expect(count.units == 127)
        #expect(count.segments == 1)
        #expect(count.nonGSMCharacters.isEmpty)
    }

    @Test(arguments: GSM7Alphabet.basicTable.compactMap { $0 })
    func basicCharacterAlone(_ scalar: Unicode.Scalar) {
        let count = SegmentCount.count(String(scalar))
        #expect(count == SegmentCount(encoding: .gsm7, units: 1, segments: 1))
    }

    @Test(arguments: Array(GSM7Alphabet.extensionTable.values))
    func extensionCharacterCostsTwo(_ scalar: Unicode.Scalar) {
        let count = SegmentCount.count("a" + String(scalar))
        #expect(count == SegmentCount(encoding: .gsm7, units: 3, segments: 1))
    }

    @Test func frenchStopKeyword() {
        #expect(SegmentCount.count("ARRET") == SegmentCount(encoding: .gsm7, units: 5, segments: 1))
        let accented = SegmentCount.count("ARRÊT")
        #expect(accented == SegmentCount(encoding: .ucs2, units: 5, segments: 1, nonGSMCharacters: ["Ê"]))
    }

    @Test func spanishAcuteAForcesUCS2ButEAcuteDoesNot() {
        #expect(SegmentCount.count("Responde BAJA. Información aquí: café").encoding == .ucs2)
        #expect(SegmentCount.count("Más información").nonGSMCharacters == ["á", "ó"])
        #expect(SegmentCount.count("café").encoding == .gsm7)
    }

    @Test func chinese() {
        let count = SegmentCount.count("取消訂閱")
        #expect(count == SegmentCount(encoding: .ucs2, units: 4, segments: 1, nonGSMCharacters: ["取", "消", "訂", "閱"]))
    }

    @Test func curlyQuotesAndDashes() {
        let quotes = SegmentCount.count("It\u{2019}s \u{201C}urgent\u{201D}")
        #expect(quotes.encoding == .ucs2)
        #expect(quotes.nonGSMCharacters == ["\u{2019}", "\u{201C}", "\u{201D}"])
        #expect(SegmentCount.count("It's \"urgent\"").encoding == .gsm7)
        #expect(SegmentCount.count("9\u{2013}5").nonGSMCharacters == ["\u{2013}"])
        #expect(SegmentCount.count("now \u{2014} act").nonGSMCharacters == ["\u{2014}"])
    }

    @Test func hongKongBilingualUnsubscribeStatement() {
        let text = "【人權守護】如不欲再收到本會的短訊，請回覆「STOP」或「取消」。"
            + "To unsubscribe from our SMS alerts, reply STOP. 取消接收選項"
        let count = SegmentCount.count(text)
        #expect(count.encoding == .ucs2)
        #expect(count.units == 87)
        #expect(count.units == text.utf16.count)
        #expect(count.segments == 2)
        #expect(count.nonGSMCharacters.first == "【")
        #expect(!count.nonGSMCharacters.contains("S"))
    }

    @Test func oneEmojiSwitchesTheWholeMessage() {
        let text = SegmentsTests.repeated("a", 100) + "✊🏿"
        let count = SegmentCount.count(text)
        #expect(count.encoding == .ucs2)
        #expect(count.units == 100 + 1 + 2)
        #expect(count.segments == 2)
        #expect(count.nonGSMCharacters == ["✊🏿"])
    }

    @Test func offendersAreDistinctWholeCharactersInOrder() {
        #expect(SegmentCount.count("ÊaêÊ").nonGSMCharacters == ["Ê", "ê"])
        let decomposed = SegmentCount.count("caf\u{65}\u{301}")
        #expect(decomposed.encoding == .ucs2)
        #expect(decomposed.units == 5)
        #expect(decomposed.nonGSMCharacters == ["\u{65}\u{301}"])
        #expect(SegmentCount.count("Ç").encoding == .gsm7)
        #expect(SegmentCount.count("ç").nonGSMCharacters == ["ç"])
    }

    @Test func sixteenBitReferenceUses152And66() {
        #expect(SegmentCount.count(SegmentsTests.repeated("a", 305)).segments == 2)
        #expect(SegmentCount.count(SegmentsTests.repeated("a", 305), reference: .sixteenBit).segments == 3)
        #expect(SegmentCount.count(SegmentsTests.repeated("a", 160), reference: .sixteenBit).segments == 1)
        #expect(SegmentCount.count(SegmentsTests.repeated("ê", 133), reference: .sixteenBit).segments == 3)
        #expect(SegmentCount.count(SegmentsTests.repeated("ê", 132), reference: .sixteenBit).segments == 2)
    }

    @Test func jsonLineIsCompactAndOrdered() throws {
        #expect(SegmentCount.count("Hello").jsonLine() == #"{"encoding":"GSM-7","units":5,"segments":1}"#)
        let emoji = SegmentCount.count(SegmentsTests.repeated("😀", 36))
        #expect(emoji.jsonLine() == #"{"encoding":"UCS-2","units":72,"segments":2}"#)
        let object = try JSONSerialization.jsonObject(with: Data(emoji.jsonLine().utf8)) as? [String: Any]
        #expect(object?.count == 3)
        #expect(object?["encoding"] as? String == "UCS-2")
    }

    @Test func codableRoundTrip() throws {
        let count = SegmentCount.count("ARRÊT {now}")
        let data = try JSONEncoder().encode(count)
        #expect(try JSONDecoder().decode(SegmentCount.self, from: data) == count)
    }
}
