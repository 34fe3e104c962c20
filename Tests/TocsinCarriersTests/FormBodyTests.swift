import Testing

@testable import TocsinCarriers

struct FormBodyTests {
    /// Fields as byte arrays, so that comparisons are exact (Swift's `String ==` ignores normalisation).
    static func bytes(_ fields: [(String, String)]) -> [[[UInt8]]] {
        fields.map { [Array($0.0.utf8), Array($0.1.utf8)] }
    }

    static func parse(
        _ body: String,
        maxBytes: Int = FormBody.defaultMaxBytes
    ) throws(FormBodyError) -> [(String, String)] {
        try FormBody.parse(Array(body.utf8), maxBytes: maxBytes)
    }

    struct ValidCase: Sendable, CustomTestStringConvertible {
        let body: String
        let fields: [[String]]
        var testDescription: String { "\"\(self.body)\"" }
    }

    static let validCases: [ValidCase] = [
        ValidCase(body: "", fields: []),
        ValidCase(body: "Body=Hello", fields: [["Body", "Hello"]]),
        ValidCase(body: "Body=Hello+world", fields: [["Body", "Hello world"]]),
        ValidCase(body: "Body=5%2B6+%26+a%3Db", fields: [["Body", "5+6 & a=b"]]),
        ValidCase(
            body: "From=%2B15555550100&To=%2b15555550101",
            fields: [["From", "+15555550100"], ["To", "+15555550101"]]
        ),
        ValidCase(body: "Body=Arr%C3%AAt+imm%c3%a9diat", fields: [["Body", "Arrêt immédiat"]]),
        ValidCase(body: "Body=%E5%81%9C%E6%AD%A2", fields: [["Body", "停止"]]),
        ValidCase(body: "Body=%F0%9F%9A%A8", fields: [["Body", "🚨"]]),
        ValidCase(body: "Body=Arrêt", fields: [["Body", "Arrêt"]]),
        ValidCase(body: "ToCity=&FromZip=", fields: [["ToCity", ""], ["FromZip", ""]]),
        ValidCase(body: "flag", fields: [["flag", ""]]),
        ValidCase(body: "a&b=1&c", fields: [["a", ""], ["b", "1"], ["c", ""]]),
        ValidCase(body: "=value", fields: [["", "value"]]),
        ValidCase(body: "=", fields: [["", ""]]),
        ValidCase(body: "a=1&&b=2&", fields: [["a", "1"], ["b", "2"]]),
        ValidCase(body: "&&&", fields: []),
        ValidCase(body: "a=b=c", fields: [["a", "b=c"]]),
        ValidCase(body: "Tag=b&Tag=a&Tag=b", fields: [["Tag", "b"], ["Tag", "a"], ["Tag", "b"]]),
        ValidCase(body: "My+Key=x&%41%42=y", fields: [["My Key", "x"], ["AB", "y"]]),
        ValidCase(body: "a=%25&b=%2525", fields: [["a", "%"], ["b", "%25"]]),
        ValidCase(body: "a=1;b=2", fields: [["a", "1;b=2"]]),
        ValidCase(body: "a=%00", fields: [["a", "\u{0}"]]),
    ]

    @Test(arguments: validCases)
    func parsesValidBodies(_ vector: ValidCase) throws {
        let fields = try Self.parse(vector.body)
        #expect(Self.bytes(fields) == vector.fields.map { [Array($0[0].utf8), Array($0[1].utf8)] })
    }

    static let malformed: [(String, FormBodyError.Reason)] = [
        ("a=%", .malformedPercentEscape(offset: 2)),
        ("a=%4", .malformedPercentEscape(offset: 2)),
        ("a=%zz", .malformedPercentEscape(offset: 2)),
        ("ok=1&a=%G1", .malformedPercentEscape(offset: 7)),
        ("a=%4&b=1", .malformedPercentEscape(offset: 2)),
        ("%=1", .malformedPercentEscape(offset: 0)),
        ("a=%+1", .malformedPercentEscape(offset: 2)),
        ("a=%C3", .invalidUTF8(field: 0)),
        ("a=1&b=%FF", .invalidUTF8(field: 1)),
        ("a=1&b=2&%C3%28=x", .invalidUTF8(field: 2)),
        ("a=%ED%A0%80", .invalidUTF8(field: 0)),
        ("a=%C0%AF", .invalidUTF8(field: 0)),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedBodies(_ body: String, _ reason: FormBodyError.Reason) {
        #expect(throws: FormBodyError(reason)) {
            try Self.parse(body)
        }
    }

    @Test func rejectsRawBytesThatAreNotUTF8() {
        #expect(throws: FormBodyError(.invalidUTF8(field: 1))) {
            try FormBody.parse([0x61, 0x3D, 0x31, 0x26, 0x62, 0x3D, 0xC3], maxBytes: 100)
        }
    }

    @Test func capsTheBodySize() throws {
        let atLimit = String(repeating: "a", count: FormBody.defaultMaxBytes)
        #expect(try Self.parse(atLimit).count == 1)
        #expect(throws: FormBodyError(.tooLarge(size: FormBody.defaultMaxBytes + 1, limit: 65_536))) {
            try Self.parse(atLimit + "b")
        }
        #expect(throws: FormBodyError(.tooLarge(size: 8, limit: 7))) {
            try Self.parse("Body=abc", maxBytes: 7)
        }
        #expect(try Self.parse("Body=abc", maxBytes: 8).count == 1)
    }

    @Test func errorMessagesSayWhatIsWrongWithoutTheContent() {
        let secret = "%2B15555550199"
        do {
            _ = try Self.parse("From=\(secret)&Body=%ZZ")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("byte 25"))
            #expect(error.message.contains("%25"))
            #expect(!error.message.contains("15555550199"))
            #expect(error.description == error.message)
        }
        #expect(FormBodyError(.tooLarge(size: 10, limit: 5)).message.contains("over the limit of 5 bytes"))
        #expect(FormBodyError(.invalidUTF8(field: 3)).message.contains("field 3"))
    }

    @Test func acceptsNonContiguousCollections() throws {
        let body = Array("From=%2B15555550100&Body=Hi+there".utf8)
        let lazy = body.lazy.map { $0 }
        let fields = try FormBody.parse(lazy)
        #expect(Self.bytes(fields) == Self.bytes([("From", "+15555550100"), ("Body", "Hi there")]))
        #expect(throws: FormBodyError(.tooLarge(size: body.count, limit: 10))) {
            try FormBody.parse(lazy, maxBytes: 10)
        }
        #expect(throws: FormBodyError(.malformedPercentEscape(offset: 2))) {
            try FormBody.parse(Array("a=%x".utf8).lazy.map { $0 })
        }
    }

    @Test func firstValueFindsTheFirstOfRepeatedKeys() throws {
        let fields = try Self.parse("Tag=one&Body=Hi&Tag=two&%C3%A9=nfc")
        #expect(FormBody.firstValue(of: "Tag", in: fields) == "one")
        #expect(FormBody.firstValue(of: "Body", in: fields) == "Hi")
        #expect(FormBody.firstValue(of: "body", in: fields) == nil)
        #expect(FormBody.firstValue(of: "\u{E9}", in: fields) == "nfc")
        #expect(FormBody.firstValue(of: "e\u{301}", in: fields) == nil)
    }

    /// Seeded random bytes, biased towards the characters the parser cares about: it must never trap, and it
    /// must agree with a slow reference written separately below; what it accepts must survive re-encoding.
    @Test func fuzzAgainstReference() throws {
        var generator = SplitMix64(seed: 0x466F_726D_426F_6479)
        // Pieces of input: single bytes the parser cares about, whole escapes (valid and not), and below
        // one random byte in four.
        let pieces: [[UInt8]] =
            ["%", "+", "=", "&", "a", "Z", "0", "f", "%41", "%c3%a9", "%F0%9F%9A%A8", "%C3", "%4", "%g0", "é"]
            .map { Array($0.utf8) } + [[0x00], [0x7F], [0x80], [0xC3, 0xA9], [0xFF]]
        var accepted = 0
        var rejected = 0
        for round in 0..<5_000 {
            var input: [UInt8] = []
            for _ in 0..<(generator.next() % 24) {
                let roll = generator.next()
                if roll % 4 == 0 {
                    input.append(UInt8(truncatingIfNeeded: roll >> 8))
                } else {
                    input += pieces[Int((roll >> 8) % UInt64(pieces.count))]
                }
            }
            let reference = Self.referenceParse(input)
            let parsed = try? FormBody.parse(input)
            #expect((parsed.map(Self.bytes)) == reference.map(Self.bytes), "round \(round): \(input)")
            if let parsed {
                accepted += 1
                let again = try FormBody.parse(Self.encode(parsed))
                #expect(Self.bytes(again) == Self.bytes(parsed), "round \(round)")
            } else {
                rejected += 1
            }
        }
        // Both paths must be exercised for the comparison to mean something.
        #expect(accepted > 500)
        #expect(rejected > 500)
    }

    /// An independent, slow implementation of the same rules, used as the fuzz oracle.
    static func referenceParse(_ input: [UInt8]) -> [(String, String)]? {
        var fields: [(String, String)] = []
        for segment in input.split(separator: UInt8(ascii: "&")) {
            let parts = segment.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = Self.referenceDecode(parts[0]) else { return nil }
            guard let value = parts.count > 1 ? Self.referenceDecode(parts[1]) : "" else { return nil }
            fields.append((key, value))
        }
        return fields
    }

    static func referenceDecode(_ raw: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        var rest = raw[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard rest.count >= 2,
                    let high = Character(Unicode.Scalar(rest.removeFirst())).hexDigitValue,
                    let low = Character(Unicode.Scalar(rest.removeFirst())).hexDigitValue
                else { return nil }
                bytes.append(UInt8(high * 16 + low))
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? 0x20 : byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Percent-encodes every byte that is not an ASCII letter or digit.
    static func encode(_ fields: [(String, String)]) -> [UInt8] {
        func escaped(_ text: String) -> [UInt8] {
            text.utf8.flatMap { byte -> [UInt8] in
                let plain = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                let hex = String(byte, radix: 16, uppercase: byte & 1 == 0)  // both cases of hex digits
                return plain ? [byte] : Array(("%" + (hex.count < 2 ? "0" : "") + hex).utf8)
            }
        }
        return Array(
            fields.map { escaped($0.0) + [UInt8(ascii: "=")] + escaped($0.1) }.joined(separator: [UInt8(ascii: "&")])
        )
    }

    /// A small seeded generator, so that the fuzz inputs are the same on every run.
    struct SplitMix64: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) {
            self.state = seed
        }

        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = self.state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }
}
