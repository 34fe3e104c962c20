import Testing
import TocsinCore

struct ASCIIDigitsTests {
    @Test(arguments: [
        (Int64(0), 1, "0"), (7, 2, "07"), (42, 2, "42"), (2024, 4, "2024"), (12_345, 4, "12345"), (5, 4, "0005"),
        (-5, 4, "-0005"), (1_000_000_007, 1, "1000000007"), (Int64.max, 1, "9223372036854775807"),
        (Int64.min, 1, "-9223372036854775808"),
    ])
    func writesDecimalDigitsPaddedToTheWidth(_ value: Int64, _ width: Int, _ expected: String) {
        var bytes = Array("x".utf8)
        ASCIIDigits.append(value, minimumDigits: width, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + expected)
    }
}
