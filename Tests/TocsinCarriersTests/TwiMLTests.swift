import Foundation
import Testing

@testable import TocsinCarriers

/// Checks ``TwiML`` against `str(MessagingResponse())` of Twilio's Python helper library, recorded by
/// `Fixtures/make_twilio_vectors.py`.
struct TwiMLTests {
    struct Vectors: Decodable, Sendable {
        let twimlCases: [TwiMLCase]
    }

    struct TwiMLCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let bodies: [String]
        let xml: String
        let libraryEmitsInvalidXML: Bool

        var testDescription: String { self.name }
    }

    static func loadVectors() throws -> Vectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/twilio-signature-vectors.json")
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    static let cases: [TwiMLCase] = (try? loadVectors().twimlCases) ?? []

    /// The XML 1.0 `Char` production.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x09 || scalar.value == 0x0A || scalar.value == 0x0D
            || (0x20...0xD7FF).contains(scalar.value) || (0xE000...0xFFFD).contains(scalar.value)
            || scalar.value >= 0x10000
    }

    @Test func vectorFileHasTheRequiredCases() throws {
        let names = Set(try Self.loadVectors().twimlCases.map(\.name))
        for required in ["none", "plain", "XML special characters", "unicode", "two messages"] {
            #expect(names.contains(required), "missing TwiML vector \(required)")
        }
    }

    @Test(arguments: cases)
    func matchesHelperLibrary(_ vector: TwiMLCase) {
        let output = TwiML.messages(vector.bodies)
        if vector.libraryEmitsInvalidXML {
            // We drop what XML cannot carry; everything else must match the library byte for byte.
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: vector.xml.unicodeScalars.filter(Self.isXMLCharacter))
            #expect(Array(output.utf8) == Array(String(expected).utf8))
            #expect(output.unicodeScalars.allSatisfy(Self.isXMLCharacter))
        } else {
            #expect(Array(output.utf8) == Array(vector.xml.utf8))
        }
    }

    @Test func emptyIsTheLibrarysEmptyResponse() throws {
        let none = try #require(Self.cases.first { $0.name == "none" })
        #expect(TwiML.empty == none.xml)
        #expect(TwiML.messages([]) == TwiML.empty)
    }

    /// Random bodies survive escaping: unescaping each `<Message>` gives the body back (minus what XML
    /// cannot carry), and no raw `<` or `&` is left in the text.
    @Test func randomBodiesRoundTrip() {
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", " ", "&", "<", ">", "\"", "'", ";", "#", "\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1B}",
            "é", "\u{301}", "停", "🚨", "\u{FFFE}", "\u{FFFD}", "]", "!", "-", "?",
        ]
        var state: UInt64 = 0x5457_694D_4C
        func nextIndex(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<500 {
            var body = String.UnicodeScalarView()
            for _ in 0..<nextIndex(40) {
                body.append(alphabet[nextIndex(alphabet.count)])
            }
            let text = String(body)
            let xml = TwiML.messages([text, "x"])
            let prefix = #"<?xml version="1.0" encoding="UTF-8"?><Response>"#
            #expect(xml.hasPrefix(prefix))
            #expect(xml.hasSuffix("<Message>x</Message></Response>"))
            var expected = String.UnicodeScalarView()
            expected.append(contentsOf: text.unicodeScalars.filter(Self.isXMLCharacter))
            let inner = Self.firstMessageText(in: xml)
            #expect(!inner.contains(UInt8(ascii: "<")))
            #expect(Self.unescaped(inner) == Array(String(expected).utf8))
        }
    }

    /// The text of the first `<Message>` (empty for `<Message />`), found byte by byte so that combining
    /// marks next to the tags cannot hide them.
    static func firstMessageText(in xml: String) -> [UInt8] {
        let bytes = Array(xml.utf8)
        let start = Array(#"<?xml version="1.0" encoding="UTF-8"?><Response><Message>"#.utf8)
        let close = Array("</Message>".utf8)
        guard bytes.starts(with: start) else {
            return []
        }
        var end = start.count
        while end + close.count <= bytes.count, !bytes[end..<(end + close.count)].elementsEqual(close) {
            end += 1
        }
        return Array(bytes[start.count..<end])
    }

    static func unescaped(_ text: [UInt8]) -> [UInt8] {
        let entities: [([UInt8], UInt8)] = [
            (Array("&lt;".utf8), UInt8(ascii: "<")), (Array("&gt;".utf8), UInt8(ascii: ">")),
            (Array("&amp;".utf8), UInt8(ascii: "&")),
        ]
        var out: [UInt8] = []
        var index = 0
        outer: while index < text.count {
            for (entity, byte) in entities where text[index...].starts(with: entity) {
                out.append(byte)
                index += entity.count
                continue outer
            }
            out.append(text[index])
            index += 1
        }
        return out
    }
}
