/// Writes JSON text by hand where key order and explicit nulls matter (CLI lines, the mock outbox, API
/// bodies), without creating an encoder per value.
public enum JSONText {
    /// Appends `value` as a JSON string literal (RFC 8259): quotes, backslashes and control characters
    /// escaped, everything else (including `/` and non-ASCII) written as is.
    public static func quote(_ value: String, into out: inout String) {
        out += "\""
        // Runs of bytes that need no escaping are copied whole. UTF-8 multi-byte sequences never contain
        // bytes below 0x80, so the cuts fall on scalar boundaries (the scalar view never rounds them to a
        // grapheme boundary, which a quote followed by a combining mark would cross).
        let utf8 = value.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            if Self.needsEscape(byte) {
                out += Substring(value.unicodeScalars[runStart..<index])
                out += Self.escape(byte)
                runStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out += Substring(value.unicodeScalars[runStart..<index])
        out += "\""
    }

    /// Appends `value` as a JSON string literal in UTF-8 bytes, escaped as the `String` overload escapes it
    /// (the mock carrier builds one line per message this way, without growing a string).
    public static func quote(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if Self.needsEscape(byte) {
                out.append(contentsOf: Self.escape(byte).utf8)
            } else {
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A quote, a backslash or a control character: a byte a JSON string cannot hold as is.
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// The escape sequence of an ASCII byte that JSON strings cannot hold as is.
    static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// `value` as a JSON string literal, or `null` when nil.
    public static func quoted(_ value: String?) -> String {
        guard let value else { return "null" }
        var out = ""
        self.quote(value, into: &out)
        return out
    }
}
