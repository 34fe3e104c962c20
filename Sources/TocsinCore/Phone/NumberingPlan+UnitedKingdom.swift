extension NumberingPlan {
    /// UK national significant numbers (the digits after +44, or after the leading 0 at home).
    ///
    /// Mobiles and other 07 numbers have 10 digits; geographic 01 numbers 9 or 10 (a few areas have 4- or
    /// 5-digit local numbers), 02 numbers 10; 03, 055/056, 08 and 09 numbers 10, except 0800 freephone, which
    /// also has 9-digit numbers. Nothing starts with 04 or 06.
    static func validateUK(_ number: Substring, after: String?) throws(PhoneNumberError) {
        guard let first = number.first else {
            throw .length(0, after: after, subject: "a UK number", expected: 10...10)
        }
        let (kind, lengths): (String, ClosedRange<Int>)
        switch first {
        case "1": (kind, lengths) = ("a UK geographic (01) number", 9...10)
        case "2": (kind, lengths) = ("a UK geographic (02) number", 10...10)
        case "3": (kind, lengths) = ("a UK 03 number", 10...10)
        case "5" where number.hasPrefix("55") || number.hasPrefix("56"):
            (kind, lengths) = ("a UK 05 number", 10...10)
        case "7": (kind, lengths) = ("a UK mobile (07) number", 10...10)
        case "8" where number.hasPrefix("800"): (kind, lengths) = ("a UK 0800 number", 9...10)
        case "8": (kind, lengths) = ("a UK 08 number", 10...10)
        case "9": (kind, lengths) = ("a UK 09 number", 10...10)
        case "0":
            throw .init(code: .invalidPrefix, message: "after +44 the number starts with 1 to 9; drop the extra 0")
        default:
            throw .init(
                code: .invalidPrefix,
                message: "UK numbers do not start with 0\(first) (mobiles start 07, landlines 01 or 02)"
            )
        }
        guard lengths.contains(number.count) else {
            let hint = after == nil ? " (not counting the leading 0)" : ""
            throw .length(number.count, after: after, subject: kind, expected: lengths, hint: hint)
        }
    }
}
