/// Text from carriers, made safe for logs and stored reasons.
enum CarrierText {
    /// Carriers' error messages may quote a number ("The 'To' number +1415… is not valid"): runs of 7 or
    /// more digits are masked so that no number reaches a log or a stored reason.
    static func maskingNumbers(_ text: String) -> String {
        var out = ""
        var digits = ""
        func flush() {
            out += digits.count >= 7 ? String(repeating: "*", count: digits.count) : digits
            digits = ""
        }
        for character in text.prefix(300) {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }
}
