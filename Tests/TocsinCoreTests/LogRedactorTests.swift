import Testing
import TocsinCore

struct LogRedactorTests {
    @Test(arguments: [
        ("from +14155550101 said STOP", "from +" + String(repeating: "*", count: 9) + "01 said STOP"),
        ("call (415) 555-0101 now", "call " + String(repeating: "*", count: 8) + "01 now"),
        ("+44 7700 900123", "+" + String(repeating: "*", count: 10) + "23"),
        ("two: +85291234567 and 0044 20 7946 0958", "two: +" + String(repeating: "*", count: 9) + "67 and " + String(repeating: "*", count: 12) + "58"),
        ("phone=+14155550101", "phone=+" + String(repeating: "*", count: 9) + "01"),
    ])
    func phoneLikeRunsAreMaskedKeepingTheLastTwoDigits(input: String, expected: String) {
        #expect(LogRedactor.redact(input) == expected)
    }

    @Test(arguments: [
        "batch of 500 in 12 ms",
        "year 2026-11-21 at 09:00",
        "at 2026-11-21 09:00:00Z",
        "message SM0123456789abcdef0123456789abcdef",
        "id 1234567",
        "tcs_ABCDEF12345678901234",
        "",
    ])
    func textWithoutAPhoneLikeRunIsLeftAlone(input: String) {
        #expect(LogRedactor.redact(input) == input)
    }

    @Test func aNumberFromTheParserIsNeverLeftInClear() throws {
        let phone = try PhoneNumber.parse("+1 415 555 0101", defaultRegion: "US")
        let redacted = LogRedactor.redact("inbound from \(phone.e164)")
        #expect(!redacted.contains(phone.e164))
        #expect(!redacted.contains("5550101"))
    }
}
