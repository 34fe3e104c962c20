import Foundation

/// Checks a reply text: placeholders and, for GSM-7 languages, the alphabet.
enum ReplyTextValidator {
    /// Problems with `text`; empty when it is fine.
    static func problems(in text: String, encoding: ReplyEncoding) -> [String] {
        var problems: [String] = []
        var literal = ""
        var remainder = Substring(text)
        while let open = remainder.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            literal += remainder[..<open]
            guard remainder[open] == "{", let close = remainder[open...].firstIndex(of: "}") else {
                problems.append("unbalanced brace; placeholders are written {brand}")
                remainder = ""
                break
            }
            let name = String(remainder[remainder.index(after: open)..<close])
            if ReplyPlaceholder(rawValue: name) == nil {
                let valid = ReplyPlaceholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
                problems.append("unknown placeholder {\(name)}; valid placeholders: \(valid)")
            }
            remainder = remainder[remainder.index(after: close)...]
        }
        literal += remainder
        guard encoding == .gsm7 else { return problems }
        let (septets, offending) = GSM7Alphabet.septets(literal)
        if let offending {
            let code = offending.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
            let hint = offending == "Ê" || offending == "ê" ? " (write ARRET, not ARRÊT)" : ""
            problems.append("'\(offending)' (\(code)) is not in the GSM-7 alphabet and would force UCS-2\(hint)")
        } else if septets > 160 {
            problems.append("\(septets) GSM-7 characters before placeholders are filled; keep replies within 160")
        }
        return problems
    }
}
