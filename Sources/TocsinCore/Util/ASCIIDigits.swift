/// Decimal numbers written straight into a byte buffer (no string per number): for text built once per
/// message, such as the mock carrier's outbox lines and the send journal's notes.
public enum ASCIIDigits {
    /// Appends `value` in decimal, zero-padded to at least `minimumDigits` digits; a negative value is written
    /// as a minus sign and then its magnitude, padded.
    public static func append(_ value: Int64, minimumDigits: Int = 1, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        for _ in 1..<max(minimumDigits, 1) { divisor *= 10 }
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        }
    }
}
