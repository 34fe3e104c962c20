import Foundation
import Testing
import TocsinStore

struct SubscriberCSVParserTests {
    /// Parses `bytes` fed in chunks of `chunk` bytes.
    static func parse(_ bytes: [UInt8], chunk: Int = .max) -> [SubscriberCSVRecord] {
        var parser = SubscriberCSVParser()
        var records: [SubscriberCSVRecord] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            parser.feed(bytes[start..<end]) { records.append($0) }
            start = end
        }
        parser.finish { records.append($0) }
        return records
    }

    static func parse(_ text: String, chunk: Int = .max) -> [SubscriberCSVRecord] {
        Self.parse(Array(text.utf8), chunk: chunk)
    }

    static let cases: [(String, String, [SubscriberCSVRecord])] = [
        ("plain", "a,b\nc,d\n", [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["c", "d"])]),
        ("no final line end", "a,b\nc,d", [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["c", "d"])]),
        ("CRLF", "a,b\r\nc,d\r\n", [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["c", "d"])]),
        ("lone CR", "a,b\rc,d\r", [.init(line: 1, fields: ["a", "b"]), .init(line: 2, fields: ["c", "d"])]),
        ("quoted comma", "\"a,b\",c\n", [.init(line: 1, fields: ["a,b", "c"])]),
        ("doubled quotes", "\"say \"\"hi\"\"\",x\n", [.init(line: 1, fields: ["say \"hi\"", "x"])]),
        ("empty quoted", "\"\",x\n", [.init(line: 1, fields: ["", "x"])]),
        ("embedded LF", "\"one\ntwo\",x\ny,z\n", [.init(line: 1, fields: ["one\ntwo", "x"]), .init(line: 3, fields: ["y", "z"])]),
        ("embedded CRLF", "\"one\r\ntwo\",x\r\ny,z\r\n", [.init(line: 1, fields: ["one\r\ntwo", "x"]), .init(line: 3, fields: ["y", "z"])]),
        ("empty fields", ",,\n", [.init(line: 1, fields: ["", "", ""])]),
        ("trailing comma at end", "a,", [.init(line: 1, fields: ["a", ""])]),
        ("blank line", "a\n\nb\n", [.init(line: 1, fields: ["a"]), .init(line: 2, fields: [""]), .init(line: 3, fields: ["b"])]),
        ("byte-order mark", "\u{FEFF}phone,x\n", [.init(line: 1, fields: ["phone", "x"])]),
        ("unicode", "Zoë,取消,🙂\n", [.init(line: 1, fields: ["Zoë", "取消", "🙂"])]),
        ("bare quote inside a field", "ab\"c,d\n", [.init(line: 1, fields: ["ab\"c", "d"])]),
        ("spaces kept", " a , b \n", [.init(line: 1, fields: [" a ", " b "])]),
        ("empty input", "", []),
    ]

    @Test(arguments: Self.cases.indices)
    func readsRecordsWhateverTheChunking(index: Int) {
        let (name, text, expected) = Self.cases[index]
        for chunk in [1, 2, 3, 7, Int.max] {
            #expect(Self.parse(text, chunk: chunk) == expected, "\(name), chunks of \(chunk)")
        }
    }

    @Test func textAfterAClosingQuoteIsAProblemButTheRecordIsKept() {
        let records = Self.parse("\"a\" b,c\nd,e\n")
        #expect(records.count == 2)
        #expect(records[0].problem?.contains("text after a closing quote in field 1") == true)
        #expect(records[0].fields == ["a b", "c"])
        #expect(records[1] == .init(line: 2, fields: ["d", "e"]))
    }

    @Test func anUnclosedQuoteAtTheEndIsAProblem() {
        let records = Self.parse("a,b\n\"never closed,x\ny\n")
        #expect(records.count == 2)
        #expect(records[1].line == 2)
        #expect(records[1].problem?.contains("never closed") == true)
    }

    @Test func invalidUTF8IsAProblem() {
        let records = Self.parse([0x61, 0x2C, 0xFF, 0xFE, 0x0A, 0x62, 0x0A])
        #expect(records.count == 2)
        #expect(records[0].problem?.contains("field 2 is not valid UTF-8") == true)
        #expect(records[1].problem == nil)
    }

    @Test func aPartialByteOrderMarkIsData() {
        let records = Self.parse([0xEF, 0xBB, 0x61, 0x0A])
        #expect(records.count == 1)
        #expect(records[0].problem != nil)  // EF BB 61 is not valid UTF-8
    }

    @Test func hugeFieldsAreCutWithAProblem() {
        let text = "a," + String(repeating: "x", count: SubscriberCSVParser.maxFieldBytes + 10) + "\nb,c\n"
        let records = Self.parse(text)
        #expect(records.count == 2)
        #expect(records[0].fields[1].utf8.count == SubscriberCSVParser.maxFieldBytes)
        #expect(records[0].problem?.contains("longer than") == true)
        #expect(records[1].problem == nil)
    }

    @Test func writerOutputReadsBackUnchanged() {
        let rows = [["plain", "with,comma", "with \"quotes\"", "two\r\nlines", " padded ", "", "Zoë 取消"], ["x", "", "", "", "", "", "y"]]
        let text = rows.map { SubscriberCSVWriter.record($0) }.joined()
        #expect(Self.parse(text).map(\.fields) == rows)
    }

    @Test func writerNeutralizesFormulasOnlyWhereAsked() {
        #expect(SubscriberCSVWriter.record(["+14155550100", "=HYPERLINK(\"x\")", "@SUM"], neutralizingFormulas: [1, 2])
            == "+14155550100,\"'=HYPERLINK(\"\"x\"\")\",'@SUM\r\n")
        #expect(SubscriberCSVWriter.escape("plain") == "plain")
    }
}
