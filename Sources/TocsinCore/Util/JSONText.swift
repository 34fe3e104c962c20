/// Writes JSON text by hand where key order and explicit nulls matter (CLI lines, the mock outbox, API
/// bodies), without creating an encoder per value.
public enum JSONText {
    /// Appends `value` as a JSON string literal (RFC 8259): quotes, backslashes and control characters
    /// escaped, everything else (including `/` and non-ASCII) written as is.
    public static func quote(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `value` as a JSON string literal, or `null` when nil.
    public static func quoted(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = ""
        self.quote(value, into: &out)
        return out
    }
}
