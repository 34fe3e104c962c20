/// Masks anything that looks like a phone number in free text, for log lines above debug.
///
/// A run of 8 to 15 digits (separators `+ - . ( )` and spaces allowed between them) that is not part of a
/// word is replaced by stars, keeping a leading `+` and the last two digits: `"call +1 415 555 0101"` →
/// `"call +*********01"`. Shorter runs (ids, counts), dates (`2026-11-21 09`) and digits inside identifiers
/// (`SM1234…`) stay.
public enum LogRedactor {
    /// `text` with every phone-like run masked; `text` itself when there is none (no copy).
    public static func redact(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index < bytes.count {
            let start = index
            guard Self.startsRun(bytes, at: index) else {
                index += 1
                continue
            }
            var end = index
            var digits = 0
            var lastDigit = index
            while end < bytes.count, Self.isRunByte(bytes[end]) {
                if Self.isDigit(bytes[end]) {
                    digits += 1
                    lastDigit = end
                }
                end += 1
            }
            let runEnd = lastDigit + 1
            let followedByWord = runEnd < bytes.count && Self.isWordByte(bytes[runEnd])
            if (8...15).contains(digits), !followedByWord, !Self.isDate(bytes, at: start) {
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out.append(contentsOf: bytes[copied..<start])
                if bytes[start] == UInt8(ascii: "+") { out.append(UInt8(ascii: "+")) }
                out.append(contentsOf: repeatElement(UInt8(ascii: "*"), count: digits - 2))
                out.append(contentsOf: bytes[start..<runEnd].filter(Self.isDigit).suffix(2))
                copied = runEnd
            }
            index = max(runEnd, start + 1)
        }
        guard copied > 0 else { return text }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DD` at `index`: a date, not a number.
    static func isDate(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index + 10 <= bytes.count else { return false }
        let pattern = Array("dddd-dd-dd".utf8)
        for offset in 0..<10 {
            let byte = bytes[index + offset]
            if pattern[offset] == UInt8(ascii: "d") ? !Self.isDigit(byte) : byte != pattern[offset] { return false }
        }
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isRunByte(_ byte: UInt8) -> Bool {
        Self.isDigit(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "+")
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        Self.isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
    }

    /// A run starts at a digit, `+` or `(` that does not continue a word.
    static func startsRun(_ bytes: [UInt8], at index: Int) -> Bool {
        let byte = bytes[index]
        guard Self.isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "(") else { return false }
        return index == 0 || !Self.isWordByte(bytes[index - 1])
    }
}
