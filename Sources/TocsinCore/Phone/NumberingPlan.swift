/// The rules a national significant number (the digits after the country code) must follow.
///
/// NANP (+1), the UK (+44) and Hong Kong (+852) are checked digit by digit; every other code by the length of
/// its national numbers.
enum NumberingPlan {
    /// Checks `nationalNumber` under `callingCode`.
    ///
    /// - Parameters:
    ///   - after: how messages say where counting started ("+44", "the leading 0"), or nil.
    ///   - allowingServiceLengths: whether lengths used only by toll-free and other service numbers count.
    /// - Throws: ``PhoneNumberError`` saying what is wrong.
    static func validate(
        _ nationalNumber: Substring, for callingCode: CountryCallingCode, after: String?,
        allowingServiceLengths: Bool = true
    ) throws(PhoneNumberError) {
        let total = String(callingCode.code).count + nationalNumber.count
        switch callingCode.code {
        case 1: try Self.validateNANP(nationalNumber, after: after)
        case 44: try Self.validateUK(nationalNumber, after: after)
        case 852: try Self.validateHongKong(nationalNumber, after: after)
        default:
            let count = nationalNumber.count
            guard callingCode.nationalNumberLengths.contains(count)
                || (allowingServiceLengths && callingCode.serviceNumberLengths.contains(count))
            else {
                throw .length(
                    nationalNumber.count, after: after, subject: callingCode.subject,
                    expected: callingCode.nationalNumberLengths
                )
            }
        }
        if total > 15 { throw .tooLongForE164(total) }
    }

    // MARK: - North American Numbering Plan

    /// NPA-NXX-XXXX: an assigned area code, then an exchange starting with 2–9.
    ///
    /// The exchange 555 is valid, including the 555-0100 to 555-0199 block reserved for fiction and examples.
    static func validateNANP(_ number: Substring, after: String?) throws(PhoneNumberError) {
        guard number.count == 10 else {
            throw .length(
                number.count, after: after, subject: "a US/CA number", expected: 10...10, hint: " (area code + number)"
            )
        }
        let areaCode = number.prefix(3)
        guard let first = areaCode.first, first >= "2" else {
            throw .init(
                code: .invalidAreaCode,
                message: "area code cannot start with 0 or 1; the 10 digits are a 3-digit area code (2-9) and a 7-digit number"
            )
        }
        guard !areaCode.hasSuffix("11") else {
            throw .init(code: .invalidAreaCode, message: "\(areaCode) is a service code (N11), not an area code")
        }
        guard NANPAreaCodes.areaCode(areaCode) != nil else {
            throw .init(code: .invalidAreaCode, message: "area code \(areaCode) is not an assigned North American area code")
        }
        guard let exchange = number.dropFirst(3).first, exchange >= "2" else {
            throw .init(
                code: .invalidExchange,
                message: "the exchange (the 3 digits after the area code) cannot start with 0 or 1"
            )
        }
    }

    // MARK: - Hong Kong

    /// Eight digits starting 2–9, or 800 and six digits (toll-free).
    static func validateHongKong(_ number: Substring, after: String?) throws(PhoneNumberError) {
        if number.count == 9, number.hasPrefix("800") { return }
        guard number.count == 8 else {
            let hint = number.count == 9 ? " (9 only for 800 toll-free numbers)" : ""
            throw .length(number.count, after: after, subject: "a Hong Kong number", expected: 8...8, hint: hint)
        }
        guard let first = number.first, first >= "2" else {
            throw .init(code: .invalidPrefix, message: "a Hong Kong number starts with 2 to 9, not 0 or 1")
        }
    }
}
