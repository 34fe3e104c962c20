extension PhoneNumber {
    /// Reads a phone number as people write it and returns its canonical E.164 form.
    ///
    /// International numbers start with `+`, `00`, or (when the default region uses +1) `011`. Anything else is
    /// a national number of `defaultRegion`: 10 digits, or 11 starting with 1, for the US, Canada and the other
    /// +1 countries; the UK with its leading 0 (`07911 123456`); Hong Kong's 8 digits; other countries with or
    /// without their trunk prefix. Spaces, NBSP, dashes, dots, slashes, parentheses and full-width digits are fine.
    ///
    /// ```swift
    /// try PhoneNumber.parse("(415) 555-0100", defaultRegion: "US").e164   // "+14155550100"
    /// try PhoneNumber.parse("+44 (0)7911 123456").e164                    // "+447911123456"
    /// ```
    ///
    /// - Parameters:
    ///   - input: the number as typed or pasted.
    ///   - defaultRegion: ISO 3166-1 alpha-2 region for national numbers ("US", "CA", "GB", "HK", ...); case and
    ///     surrounding spaces are ignored, and an empty string counts as none.
    /// - Throws: ``PhoneNumberError``, whose message says what to fix and never contains the number.
    public static func parse(_ input: String, defaultRegion: String? = nil) throws(PhoneNumberError) -> PhoneNumber {
        let scanned = try PhoneInput(scanning: input)
        let region = try Self.callingCode(forDefaultRegion: defaultRegion)

        var digits = Substring(scanned.digits)
        var zeroOffset = scanned.parenthesizedZeroOffset
        let international: Bool
        if scanned.hasPlus {
            international = true
        } else if let prefix = ["00", "011"].first(where: { digits.hasPrefix($0) && ($0 == "00" || region?.code == 1) }) {
            digits = digits.dropFirst(prefix.count)
            zeroOffset = zeroOffset.map { $0 - prefix.count }
            international = true
        } else {
            international = false
        }

        if international { return try Self.parseInternational(digits, parenthesizedZeroOffset: zeroOffset) }
        guard let region else { throw .missingCountryCode }
        return try Self.parseNational(digits, callingCode: region)
    }

    /// Whether ``parse(_:defaultRegion:)`` accepts `region` as a default region.
    public static func isSupportedRegion(_ region: String) -> Bool {
        (try? Self.callingCode(forDefaultRegion: region)) != nil
    }

    // MARK: - Internals

    private static func callingCode(forDefaultRegion region: String?) throws(PhoneNumberError) -> CountryCallingCode? {
        guard let region else { return nil }
        let trimmed = region.unicodeScalars.filter { !PhoneInput.isBlank($0) }
        guard !trimmed.isEmpty else { return nil }
        let code = String(String.UnicodeScalarView(trimmed)).uppercased()
        guard let entry = CountryCallingCodes.entry(forRegion: code) else { throw .unknownRegion(region) }
        return entry
    }

    /// `digits` are everything after `+`, `00` or `011`.
    private static func parseInternational(
        _ digits: Substring, parenthesizedZeroOffset: Int?
    ) throws(PhoneNumberError) -> PhoneNumber {
        guard let callingCode = CountryCallingCodes.matching(digits) else {
            throw .unknownCountryCode(String(digits.prefix(3)))
        }
        let codeLength = String(callingCode.code).count
        var national = digits.dropFirst(codeLength)
        // "+44 (0)20 …": the parenthesized trunk prefix is not dialled from abroad.
        if parenthesizedZeroOffset == codeLength { national = national.dropFirst() }
        let after = "+\(callingCode.code)"
        var candidates = [(national, after)]
        // "+44 07911 …", "+7 8 495 …": a trunk prefix written after the country code, tried second.
        if let trunk = callingCode.trunkPrefix, national.hasPrefix(trunk) {
            candidates.append((national.dropFirst(trunk.count), after))
        }
        return try Self.firstValid(candidates, callingCode: callingCode)
    }

    private static func parseNational(
        _ digits: Substring, callingCode: CountryCallingCode
    ) throws(PhoneNumberError) -> PhoneNumber {
        if callingCode.code == 1 {
            let national: Substring
            switch digits.count {
            case 10: national = digits
            case 11 where digits.hasPrefix("1"): national = digits.dropFirst()
            default:
                let hint = digits.count > 10 ? " (area code + number), or 11 starting with 1" : " (area code + number)"
                throw .length(digits.count, subject: "a US/CA number", expected: 10...10, hint: hint)
            }
            return try Self.firstValid([(national, nil)], callingCode: callingCode)
        }
        guard let trunk = callingCode.trunkPrefix, digits.hasPrefix(trunk) else {
            return try Self.firstValid([(digits, nil)], callingCode: callingCode)
        }
        // National numbers normally carry the trunk prefix, so the number without it wins whenever it is valid;
        // as written is the fallback (a Russian 800 number typed without its leading 8 starts with the trunk
        // digit itself).
        do {
            return try Self.firstValid([(digits.dropFirst(trunk.count), "the leading \(trunk)")], callingCode: callingCode)
        } catch {
            if let asWritten = try? Self.firstValid([(digits, nil)], callingCode: callingCode) { return asWritten }
            throw error
        }
    }

    /// The first candidate with a fixed-line or mobile length, else the first with a service-number length.
    ///
    /// Preferring ordinary lengths keeps a misplaced trunk prefix ("+81 090 …") from passing as a toll-free
    /// number of the same length. Throws the error of the first candidate.
    private static func firstValid(
        _ candidates: [(national: Substring, after: String?)], callingCode: CountryCallingCode
    ) throws(PhoneNumberError) -> PhoneNumber {
        var firstError: PhoneNumberError?
        for allowingServiceLengths in [false, true] {
            for candidate in candidates {
                do {
                    try NumberingPlan.validate(
                        candidate.national, for: callingCode, after: candidate.after,
                        allowingServiceLengths: allowingServiceLengths
                    )
                    return Self.make(callingCode, candidate.national)
                } catch {
                    firstError = firstError ?? error
                }
            }
        }
        throw firstError ?? .noDigits
    }

    private static func make(_ callingCode: CountryCallingCode, _ national: Substring) -> PhoneNumber {
        let code = String(callingCode.code)
        return PhoneNumber(validatedE164: "+" + code + national, callingCodeLength: code.count)
    }
}
