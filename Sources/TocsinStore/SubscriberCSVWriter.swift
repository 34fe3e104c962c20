import Foundation

/// Writes CSV records (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break).
public enum SubscriberCSVWriter {
    /// One record, with its line end.
    ///
    /// - Parameter neutralizingFormulas: indexes of free-text fields that a spreadsheet must not run as a
    ///   formula: a value starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`.
    public static func record(_ fields: [String], neutralizingFormulas: Set<Int> = []) -> String {
        var out = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            var value = field
            if neutralizingFormulas.contains(index), let first = value.unicodeScalars.first,
                ["=", "+", "-", "@", "\t", "\r"].contains(first)
            {
                value = "'" + value
            }
            out += Self.escape(value)
        }
        return out + "\r\n"
    }

    /// `field` quoted when it needs to be.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
