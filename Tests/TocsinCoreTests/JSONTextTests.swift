import Foundation
import Testing
import TocsinCore

struct JSONTextTests {
    @Test(arguments: [
        ("plain ascii", #""plain ascii""#),
        (#"say "STOP""#, #""say \"STOP\"""#),
        (#"back\slash"#, #""back\\slash""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("bell\u{07}", #""bell\u0007""#),
        ("回覆 STOP 取消。", #""回覆 STOP 取消。""#),
        ("a\r\nb", #""a\r\nb""#),
        ("\"\u{301}x", "\"\\\"\u{301}x\""),
        ("", #""""#),
    ])
    func quotesLikeRFC8259(_ value: String, _ expected: String) throws {
        var out = ""
        JSONText.quote(value, into: &out)
        #expect(out == expected)
        // A real JSON parser reads the same string back.
        let decoded = try JSONDecoder().decode(String.self, from: Data(out.utf8))
        #expect(decoded == value)
        // The byte overload writes the same bytes after what the buffer already holds.
        var bytes = Array("x".utf8)
        JSONText.quote(value, into: &bytes)
        #expect(bytes == Array(("x" + expected).utf8))
    }

    @Test func nilIsNull() {
        #expect(JSONText.quoted(nil) == "null")
        #expect(JSONText.quoted("x") == #""x""#)
    }
}
