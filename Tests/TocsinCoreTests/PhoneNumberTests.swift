import Foundation
import Testing

@testable import TocsinCore

struct PhoneNumberTests {
    struct Valid: Sendable, CustomTestStringConvertible {
        let input: String
        let region: String?
        let e164: String
        var testDescription: String { "\(self.input) [\(self.region ?? "-")]" }
        init(_ input: String, _ region: String? = nil, _ e164: String) {
            self.input = input
            self.region = region
            self.e164 = e164
        }
    }

    static let valid: [Valid] = [
        // US/CA: formatting variants of the same number.
        .init("+14155550100", nil, "+14155550100"),
        .init("+1 415 555 0100", nil, "+14155550100"),
        .init("+1 (415) 555-0100", nil, "+14155550100"),
        .init("+1.415.555.0100", nil, "+14155550100"),
        .init("+1/415/555/0100", nil, "+14155550100"),
        .init("(415) 555-0100", "US", "+14155550100"),
        .init("415-555-0100", "US", "+14155550100"),
        .init("4155550100", "US", "+14155550100"),
        .init("1 415 555 0100", "US", "+14155550100"),
        .init("1-415-555-0100", "CA", "+14155550100"),
        .init("  415 555 0100\n", "us", "+14155550100"),
        .init("415\u{00A0}555\u{00A0}0100", "US", "+14155550100"),
        .init("\u{202A}+1 415\u{2011}555\u{2013}0100\u{202C}", nil, "+14155550100"),
        .init("\u{FF0B}\u{FF11} \u{FF14}\u{FF11}\u{FF15} \u{FF15}\u{FF15}\u{FF15} \u{FF10}\u{FF11}\u{FF10}\u{FF10}", nil, "+14155550100"),
        .init("\u{FF08}\u{FF14}\u{FF11}\u{FF15}\u{FF09}\u{FF15}\u{FF15}\u{FF15}\u{FF0D}\u{FF10}\u{FF11}\u{FF10}\u{FF10}", "US", "+14155550100"),
        .init("[415] 555 0100", "US", "+14155550100"),
        .init("001 415 555 0100", nil, "+14155550100"),
        .init("011 44 20 7946 0000", "US", "+442079460000"),
        .init("011 852 2123 4567", "CA", "+85221234567"),
        .init("+1 1 415 555 0100", nil, "+14155550100"),
        .init("514 555 0199", "CA", "+15145550199"),
        .init("876 555 0100", "JM", "+18765550100"),
        .init("+1 800 555 0100", nil, "+18005550100"),
        .init("+1 212 911 1234", nil, "+12129111234"),
        // UK
        .init("+44 7911 123456", nil, "+447911123456"),
        .init("07911 123456", "GB", "+447911123456"),
        .init("07911-123-456", "gb", "+447911123456"),
        .init("7911 123456", "GB", "+447911123456"),
        .init("+44 (0)20 7946 0000", nil, "+442079460000"),
        .init("+44 (0) 7911 123456", nil, "+447911123456"),
        .init("+44 07911 123456", nil, "+447911123456"),
        .init("0044 20 7946 0000", nil, "+442079460000"),
        .init("020 7946 0000", "GB", "+442079460000"),
        .init("016977 3456", "GB", "+44169773456"),
        .init("0800 123456", "GB", "+44800123456"),
        .init("0800 123 4567", "GB", "+448001234567"),
        .init("0345 123 4567", "GB", "+443451234567"),
        .init("01534 123456", "JE", "+441534123456"),
        // Hong Kong
        .init("+852 2123 4567", nil, "+85221234567"),
        .init("+852 9123 4567", nil, "+85291234567"),
        .init("2123 4567", "HK", "+85221234567"),
        .init("5123-4567", "HK", "+85251234567"),
        .init("800 123 456", "HK", "+852800123456"),
        .init("00852 6123 4567", "GB", "+85261234567"),
        // Other countries
        .init("+33 6 12 34 56 78", nil, "+33612345678"),
        .init("06 12 34 56 78", "FR", "+33612345678"),
        .init("+33 (0)6 12 34 56 78", nil, "+33612345678"),
        .init("+39 06 6988 1234", nil, "+390669881234"),
        .init("06 6988 1234", "IT", "+390669881234"),
        .init("+49 30 123456", nil, "+4930123456"),
        .init("+7 495 123 45 67", nil, "+74951234567"),
        .init("8 495 123 45 67", "RU", "+74951234567"),
        .init("800 555 35 35", "RU", "+78005553535"),
        .init("+7 701 123 4567", nil, "+77011234567"),
        .init("+61 2 9374 4000", nil, "+61293744000"),
        .init("+55 11 91234 5678", nil, "+5511912345678"),
        .init("+91 98765 43210", nil, "+919876543210"),
        .init("+86 138 0013 8000", nil, "+8613800138000"),
        .init("+800 1234 5678", nil, "+80012345678"),
        // Service-number lengths count only when the ordinary ones (and a misplaced trunk prefix) do not fit.
        .init("+61 1800 123 456", nil, "+611800123456"),
        .init("1800 123 456", "AU", "+611800123456"),
        .init("0412 345 678", "AU", "+61412345678"),
        .init("+61 0412 345 678", nil, "+61412345678"),
        .init("+81 090 1234 5678", nil, "+819012345678"),
        .init("0800 12 3456", "BR", "+55800123456"),
        .init("+7 8 812 123 45 67", nil, "+78121234567"),
        .init("812 123 45 67", "RU", "+78121234567"),
        .init("8 029 491-19-11", "BY", "+375294911911"),
        .init("+\u{0664}\u{0664} \u{0667}\u{0669}\u{0661}\u{0661} \u{0661}\u{0662}\u{0663}\u{0664}\u{0665}\u{0666}", nil, "+447911123456"),
    ]

    @Test(arguments: Self.valid)
    func parsesValidNumbers(_ example: Valid) throws {
        let number = try PhoneNumber.parse(example.input, defaultRegion: example.region)
        #expect(number.e164 == example.e164)
        #expect(PhoneNumber(e164: example.e164) == number)
        // Read back from storage: the same number, calling code and all.
        #expect(PhoneNumber(stored: example.e164) == number)
    }

    @Test(arguments: ["4155550100", "+", "+1", "+0123456789", "+1415555010a", "+12345678901234567", "", "+999123456"])
    func storedTextThatIsNotAnE164NumberIsRefused(_ text: String) {
        #expect(PhoneNumber(stored: text) == nil)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let input: String
        let region: String?
        let code: PhoneNumberError.Code
        var testDescription: String { "\(self.input.debugDescription) [\(self.region ?? "-")] -> \(self.code)" }
        init(_ input: String, _ region: String? = nil, _ code: PhoneNumberError.Code) {
            self.input = input
            self.region = region
            self.code = code
        }
    }

    static let invalid: [Invalid] = [
        .init("", nil, .empty),
        .init("   ", "US", .empty),
        .init("+", nil, .empty),
        .init("( ) -", "US", .empty),
        .init("1-800-FLOWERS", "US", .letters),
        .init("call me", "US", .letters),
        .init("tel:+14155550100", nil, .letters),
        .init("+1 415 555 0100 ext. 12", nil, .extension),
        .init("+1 415 555 0100 x12", nil, .extension),
        .init("415 555 0100 #12", "US", .extension),
        .init("+1 415 555 0100, 12", nil, .extension),
        .init("++1 415 555 0100", nil, .multiplePlusSigns),
        .init("+1 415 +555 0100", nil, .multiplePlusSigns),
        .init("1+415 555 0100", nil, .misplacedPlusSign),
        .init("415 555 0100", nil, .missingCountryCode),
        .init("14155550100", nil, .missingCountryCode),
        .init("011 44 20 7946 0000", nil, .missingCountryCode),
        .init("415 555 0100", "XX", .unknownRegion),
        .init("415 555 0100", "USA", .unknownRegion),
        .init("+1 415 555 0100", "ZZ", .unknownRegion),
        .init("+28 1234 5678", nil, .unknownCountryCode),
        .init("+0 415 555 0100", nil, .unknownCountryCode),
        .init("415 555 010", "US", .tooShort),
        .init("415 555 01000", "US", .tooLong),
        .init("2 415 555 0100", "US", .tooLong),
        .init("+1 415 555 010", nil, .tooShort),
        .init("+1 415 555 01000", nil, .tooLong),
        .init("+1 011 555 0100", nil, .invalidAreaCode),
        .init("+1 155 555 0100", nil, .invalidAreaCode),
        .init("+1 911 555 0100", nil, .invalidAreaCode),
        .init("+1 411 555 0100", nil, .invalidAreaCode),
        .init("+1 555 555 0100", nil, .invalidAreaCode),
        .init("+1 370 555 0100", nil, .invalidAreaCode),
        .init("+1 379 555 0100", nil, .invalidAreaCode),
        .init("+1 960 555 0100", nil, .invalidAreaCode),
        .init("+1 969 555 0100", nil, .invalidAreaCode),
        .init("+1 290 555 0100", nil, .invalidAreaCode),
        .init("+1 880 555 0100", nil, .invalidAreaCode),
        .init("+1 415 055 0100", nil, .invalidExchange),
        .init("+1 415 155 0100", nil, .invalidExchange),
        .init("+44 7911 12345", nil, .tooShort),
        .init("07911 1234567", "GB", .tooLong),
        .init("020 7946 000", "GB", .tooShort),
        .init("+44 4123 456789", nil, .invalidPrefix),
        .init("+44 6123 456789", nil, .invalidPrefix),
        .init("+44 00 7911 123456", nil, .invalidPrefix),
        .init("+852 1234 5678", nil, .invalidPrefix),
        .init("+852 0123 4567", nil, .invalidPrefix),
        .init("+852 2123 456", nil, .tooShort),
        .init("+852 2123 45678", nil, .tooLong),
        .init("2123 4567 8", "HK", .tooLong),
        .init("+33 6 12 34 56", nil, .tooShort),
        .init("+33 6 12 34 56 78 9", nil, .tooLong),
        .init("+49 1234 5678 9012 3456", nil, .tooLong),
        .init("+1 415 555 0100 abc", nil, .letters),
        .init("+1 415 555 0100 !", nil, .invalidCharacter),
        .init("+1 415 * 555 0100", nil, .invalidCharacter),
        .init(String(repeating: "1", count: 41), "US", .tooLong),
        .init("+" + String(repeating: "3", count: 20), nil, .tooLong),
    ]

    @Test(arguments: Self.invalid)
    func rejectsInvalidNumbers(_ example: Invalid) {
        #expect(throws: PhoneNumberError.self) { try PhoneNumber.parse(example.input, defaultRegion: example.region) }
        do {
            _ = try PhoneNumber.parse(example.input, defaultRegion: example.region)
        } catch {
            #expect(error.code == example.code, "\(error.message)")
            #expect(!error.message.isEmpty)
        }
    }

    // MARK: - Canonical form

    @Test(arguments: [
        "+1 415 555 0100", "14155550100", "+1415555010", "+15555550100", "+4407911123456", "++14155550100",
        "+1415555010a", "", "+", "+\u{FF11}4155550100", " +14155550100", "+14155550100 ", "+441234",
        "+1234567890123456",
    ])
    func initE164RejectsNonCanonical(_ text: String) {
        #expect(PhoneNumber(e164: text) == nil)
    }

    @Test func parts() throws {
        let us = try #require(PhoneNumber(e164: "+14155550100"))
        #expect(us.countryCallingCode == 1)
        #expect(us.nationalNumber == "4155550100")
        let hk = try #require(PhoneNumber(e164: "+85221234567"))
        #expect(hk.countryCallingCode == 852)
        #expect(hk.nationalNumber == "21234567")
        let uk = try #require(PhoneNumber(e164: "+447911123456"))
        #expect(uk.countryCallingCode == 44)
        #expect(uk.nationalNumber == "7911123456")
    }

    // MARK: - Region, subdivision, time zones

    struct Place: Sendable, CustomTestStringConvertible {
        let e164: String
        let region: String?
        let subdivision: String?
        let zones: [String]
        var testDescription: String { self.e164 }
    }

    static let places: [Place] = [
        .init(e164: "+13055550100", region: "US", subdivision: "US-FL", zones: ["America/New_York"]),
        .init(e164: "+14055550100", region: "US", subdivision: "US-OK", zones: ["America/Chicago"]),
        .init(e164: "+14105550100", region: "US", subdivision: "US-MD", zones: ["America/New_York"]),
        .init(e164: "+15145550100", region: "CA", subdivision: "CA-QC", zones: ["America/Toronto"]),
        .init(e164: "+14165550100", region: "CA", subdivision: "CA-ON", zones: ["America/Toronto"]),
        .init(e164: "+13065550100", region: "CA", subdivision: "CA-SK", zones: ["America/Regina", "America/Edmonton"]),
        .init(e164: "+12085550100", region: "US", subdivision: "US-ID", zones: ["America/Boise", "America/Los_Angeles"]),
        .init(e164: "+18505550100", region: "US", subdivision: "US-FL", zones: ["America/Chicago", "America/New_York"]),
        .init(e164: "+19155550100", region: "US", subdivision: "US-TX", zones: ["America/Denver"]),
        .init(e164: "+16025550100", region: "US", subdivision: "US-AZ", zones: ["America/Phoenix"]),
        .init(e164: "+17095550100", region: "CA", subdivision: "CA-NL", zones: ["America/St_Johns", "America/Goose_Bay"]),
        .init(e164: "+12025550100", region: "US", subdivision: "US-DC", zones: ["America/New_York"]),
        .init(e164: "+18085550100", region: "US", subdivision: "US-HI", zones: ["Pacific/Honolulu"]),
        .init(e164: "+17875550100", region: "PR", subdivision: "US-PR", zones: ["America/Puerto_Rico"]),
        .init(e164: "+18765550100", region: "JM", subdivision: nil, zones: ["America/Jamaica"]),
        .init(e164: "+18675550100", region: "CA", subdivision: nil, zones: NANPAreaCodes.northernCanada),
        .init(e164: "+19025550100", region: "CA", subdivision: nil, zones: ["America/Halifax"]),
        .init(e164: "+18005550100", region: nil, subdivision: nil, zones: []),
        .init(e164: "+18885550100", region: nil, subdivision: nil, zones: []),
        .init(e164: "+19005550100", region: nil, subdivision: nil, zones: []),
        .init(e164: "+447911123456", region: "GB", subdivision: nil, zones: ["Europe/London"]),
        .init(e164: "+441534123456", region: "GB", subdivision: nil, zones: ["Europe/London"]),
        .init(e164: "+85221234567", region: "HK", subdivision: nil, zones: ["Asia/Hong_Kong"]),
        .init(e164: "+852800123456", region: "HK", subdivision: nil, zones: ["Asia/Hong_Kong"]),
        .init(e164: "+33612345678", region: "FR", subdivision: nil, zones: ["Europe/Paris"]),
        .init(e164: "+390669881234", region: "VA", subdivision: nil, zones: ["Europe/Vatican"]),
        .init(e164: "+74951234567", region: "RU", subdivision: nil, zones: CountryCallingCodes.russia),
        .init(e164: "+77011234567", region: "KZ", subdivision: nil, zones: CountryCallingCodes.kazakhstan),
        .init(e164: "+61293744000", region: "AU", subdivision: nil, zones: ["Australia/Sydney", "Australia/Lord_Howe"]),
        .init(e164: "+61412345678", region: "AU", subdivision: nil, zones: CountryCallingCodes.australia),
        .init(e164: "+5568912345678", region: "BR", subdivision: nil, zones: ["America/Rio_Branco"]),
        .init(e164: "+34928123456", region: "ES", subdivision: nil, zones: ["Atlantic/Canary"]),
        .init(e164: "+358181234567", region: "AX", subdivision: nil, zones: ["Europe/Mariehamn"]),
        .init(e164: "+80012345678", region: nil, subdivision: nil, zones: []),
    ]

    @Test(arguments: Self.places)
    func placeAndTime(_ place: Place) throws {
        let number = try #require(PhoneNumber(e164: place.e164))
        #expect(number.region == place.region)
        #expect(number.subdivision == place.subdivision)
        #expect(number.timeZones == place.zones)
        for zone in number.timeZones { #expect(TimeZone(identifier: zone) != nil, "\(zone)") }
    }

    @Test func multiSubdivisionAreaCodesListEveryOne() throws {
        let north = try PhoneNumber.parse("+1 867 555 0100")
        #expect(north.subdivisions == ["CA-YT", "CA-NT", "CA-NU"])
        let maritimes = try PhoneNumber.parse("+1 902 555 0100")
        #expect(maritimes.subdivisions == ["CA-NS", "CA-PE"])
        #expect(try PhoneNumber.parse("+44 20 7946 0000").subdivisions.isEmpty)
    }

    // MARK: - Masking

    @Test(arguments: [
        ("+14155550100", "+1********00"),
        ("+447911123456", "+44********56"),
        ("+85221234567", "+852******67"),
        ("+80012345678", "+800******78"),
    ])
    func masking(_ e164: String, _ expected: String) throws {
        let number = try #require(PhoneNumber(e164: e164))
        #expect(number.masked == expected)
        #expect(number.description == expected)
        #expect("\(number)" == expected)
        // No more than the last two national digits survive.
        let visibleNational = number.masked.dropFirst(1 + String(number.countryCallingCode).count).filter(\.isNumber)
        #expect(visibleNational.count == 2)
        #expect(!number.masked.contains(number.nationalNumber.dropLast(2)))
    }

    // MARK: - Codable and ordering

    @Test func codableRoundTripIsTheBareString() throws {
        let number = try PhoneNumber.parse("(415) 555-0100", defaultRegion: "US")
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == #"["+14155550100"]"#)
        #expect(try JSONDecoder().decode([PhoneNumber].self, from: data) == [number])
    }

    @Test(arguments: [#"["+1 415 555 0100"]"#, #"["+15555550100"]"#, #"[14155550100]"#, #"[""]"#])
    func decodingValidates(_ json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([PhoneNumber].self, from: Data(json.utf8)) }
    }

    @Test func ordersByE164() throws {
        let numbers = try ["+447911123456", "+14155550100", "+12125550100"].map { try #require(PhoneNumber(e164: $0)) }
        #expect(numbers.sorted().map(\.e164) == ["+12125550100", "+14155550100", "+447911123456"])
    }

    @Test func supportedRegions() {
        for region in ["US", "CA", "GB", "HK", "JM", "PR", "FR", "KZ", "gb", " hk "] {
            #expect(PhoneNumber.isSupportedRegion(region), "\(region)")
        }
        for region in ["XX", "USA", "U", "1"] { #expect(!PhoneNumber.isSupportedRegion(region), "\(region)") }
    }

    // MARK: - Robustness

    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state &+= 0x9E37_79B9_7F4A_7C15
            var z = self.state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func neverCrashesOnJunk() {
        var random = SplitMix64(state: 0x70C5_1A)
        let alphabet = Array("0123456789+()-. /#x,;ext\u{00A0}\u{FF10}\u{FF19}\u{FF0B}\u{0660}(0)\u{200B}\u{1F600}aZé\t\n\"\\")
        var parsed = 0
        for _ in 0..<500 {
            let length = Int.random(in: 0...40, using: &random)
            let useScalars = Bool.random(using: &random)
            var text = ""
            for _ in 0..<length {
                if useScalars, let scalar = Unicode.Scalar(UInt32.random(in: 0...0x2FFFF, using: &random)) {
                    text.unicodeScalars.append(scalar)
                } else {
                    text.append(alphabet.randomElement(using: &random)!)
                }
            }
            let region = [nil, "US", "GB", "HK", "FR", "zz"].randomElement(using: &random)!
            if let number = try? PhoneNumber.parse(text, defaultRegion: region) {
                parsed += 1
                #expect(PhoneNumber(e164: number.e164) == number)
                #expect(number.e164.count <= 16)
                _ = (number.region, number.timeZones, number.subdivision, number.masked)
            }
            let result = PhoneNormalizeResult.normalize(text, defaultRegion: region)
            #expect(result.valid == (result.e164 != nil))
            #expect(result.valid == (result.error == nil))
        }
        #expect(parsed < 500)
    }
}
