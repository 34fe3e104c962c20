import Foundation
import Testing

@testable import TocsinCore

struct PhoneNormalizeResultTests {
    @Test func validJSONLine() {
        let result = PhoneNormalizeResult.normalize("(208) 555-0100", defaultRegion: "US")
        #expect(
            result.jsonLine()
                == #"{"input":"(208) 555-0100","e164":"+12085550100","valid":true,"region":"US","#
                + #""timezones":["America/Boise","America/Los_Angeles"],"error":null}"#
        )
    }

    @Test func invalidJSONLine() {
        let result = PhoneNormalizeResult.normalize("415 555 010", defaultRegion: "US")
        #expect(
            result.jsonLine()
                == #"{"input":"415 555 010","e164":null,"valid":false,"region":null,"timezones":[],"#
                + #""error":"number has 9 digits; a US/CA number needs 10 (area code + number)"}"#
        )
    }

    @Test func tollFreeHasNullRegionAndNoZones() {
        let result = PhoneNormalizeResult.normalize("+1 800 555 0100", defaultRegion: nil)
        #expect(
            result.jsonLine()
                == #"{"input":"+1 800 555 0100","e164":"+18005550100","valid":true,"region":null,"timezones":[],"error":null}"#
        )
    }

    @Test func jsonLineEscapesTheInput() throws {
        let result = PhoneNormalizeResult.normalize("\"+1\\415\"\n\t\u{01}", defaultRegion: nil)
        let line = result.jsonLine()
        #expect(line.hasPrefix(#"{"input":"\"+1\\415\"\n\t\u0001","e164":null,"valid":false,"#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["input"] as? String == "\"+1\\415\"\n\t\u{01}")
    }

    /// `JSONEncoder` writes the nulls too, even though it does not keep key order.
    @Test func encoderWritesExplicitNulls() throws {
        let result = PhoneNormalizeResult.normalize("+1 555 555 0100", defaultRegion: nil)
        let data = try JSONEncoder().encode(result)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""e164":null"#))
        #expect(text.contains(#""region":null"#))
        #expect(text.contains(#""timezones":[]"#))
        #expect(text.contains(#""valid":false"#))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["input", "e164", "valid", "region", "timezones", "error"])
    }

    @Test func encoderAndJSONLineAgree() throws {
        for input in ["+44 7911 123456", "junk", "+852 2123 4567"] {
            let result = PhoneNormalizeResult.normalize(input, defaultRegion: nil)
            let viaEncoder = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? NSDictionary
            let viaLine = try JSONSerialization.jsonObject(with: Data(result.jsonLine().utf8)) as? NSDictionary
            #expect(viaEncoder == viaLine)
        }
    }

    @Test func descriptionMasksTheNumber() {
        let result = PhoneNormalizeResult.normalize("+14155550100", defaultRegion: nil)
        #expect(!"\(result)".contains("4155550100"))
        #expect("\(result)".contains("+1********00"))
    }
}
