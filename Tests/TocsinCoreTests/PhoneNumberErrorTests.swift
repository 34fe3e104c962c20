import Testing

@testable import TocsinCore

struct PhoneNumberErrorTests {
    private func error(_ input: String, _ region: String? = nil) -> PhoneNumberError? {
        do {
            _ = try PhoneNumber.parse(input, defaultRegion: region)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("415 555 010", "US", "number has 9 digits; a US/CA number needs 10 (area code + number)"),
        ("+1 415 555 010", nil, "number has 9 digits after +1; a US/CA number needs 10 (area code + number)"),
        ("415 555 01000", "US", "number has 11 digits; a US/CA number needs 10 (area code + number), or 11 starting with 1"),
        ("+33 6 12 34 56", nil, "number has 7 digits after +33; a number in FR needs 9"),
        ("06 12 34 56", "FR", "number has 7 digits after the leading 0; a number in FR needs 9"),
        ("+44 7911 12345", nil, "number has 9 digits after +44; a UK mobile (07) number needs 10"),
        ("+1 555 555 0100", nil, "area code 555 is not an assigned North American area code"),
        ("+1 411 555 0100", nil, "411 is a service code (N11), not an area code"),
        ("+28 1234 5678", nil, "+281 is not an assigned country calling code; check the digits after +"),
    ] as [(String, String?, String)])
    func messagesSayWhatToFix(_ input: String, _ region: String?, _ message: String) throws {
        let error = try #require(self.error(input, region))
        #expect(error.message == message)
        #expect(error.description == message)
    }

    @Test func missingCountryCodeSaysToAddPlusOrRegion() throws {
        let error = try #require(self.error("415 555 0100"))
        #expect(error.code == .missingCountryCode)
        #expect(error.message.contains("+ and the country code"))
        #expect(error.message.contains("default region"))
    }

    /// Messages may reach logs: they never contain the number, only area codes or calling codes.
    @Test(arguments: [
        ("+1 415 555 01000", nil), ("415 555 010", "US"), ("+44 7911 12345", nil), ("+852 2123 45678", nil),
        ("+1 415 555 0100 ext 12", nil), ("+1 415 055 0100", nil), ("+49 1234 5678 9012 3456", nil),
        ("0 4155 5501 00", "5550100"), ("+1 415 555 0100", "4155550100"),
    ] as [(String, String?)])
    func messagesDoNotLeakTheNumber(_ input: String, _ region: String?) throws {
        let error = try #require(self.error(input, region))
        let inputDigits = input.filter(\.isNumber)
        #expect(!error.message.contains("5550"), "\(error.message)")
        // No run of 4+ digits from the input appears in the message.
        for start in inputDigits.indices where inputDigits.distance(from: start, to: inputDigits.endIndex) >= 4 {
            let run = inputDigits[start...].prefix(4)
            #expect(!error.message.contains(run), "\(error.message)")
        }
    }

    @Test func codesCompareByValue() {
        #expect(PhoneNumberError.Code.tooShort == PhoneNumberError.Code(rawValue: "too_short"))
        #expect(PhoneNumberError.Code.tooShort != .tooLong)
        #expect(PhoneNumberError.empty.code == .empty)
        #expect(PhoneNumberError.Code.invalidAreaCode.description == "invalid_area_code")
    }

    @Test func invalidCharacterIsShownReadably() throws {
        #expect(try #require(self.error("+1 415 555 0100 !")).message.contains("'!'"))
        #expect(try #require(self.error("+1 415\u{0007}555 0100")).message.contains("U+7"))
    }
}
