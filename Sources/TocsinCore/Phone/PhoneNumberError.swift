/// Why a string could not be read as a phone number.
///
/// Compare errors by ``code`` (`error.code == .tooShort`); the ``message`` says what to fix. Messages never
/// repeat the number itself (at most an area code or a country calling code), so they are safe to log.
public struct PhoneNumberError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable, machine-readable reason. New codes may be added; don't `switch` over them exhaustively.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The wire name, e.g. `"too_short"`.
        public let rawValue: String
        /// Wraps a wire name; use the constants below.
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { self.rawValue }

        /// The input is empty or has no digits.
        public static let empty = Code(rawValue: "empty")
        /// The input has letters (a vanity number such as 1-800-FLOWERS, or words).
        public static let letters = Code(rawValue: "letters")
        /// The input has an extension (`ext`, `x`, `#`, `,` or `;` after the number).
        public static let `extension` = Code(rawValue: "extension")
        /// The input has a character that is neither a digit nor a common separator.
        public static let invalidCharacter = Code(rawValue: "invalid_character")
        /// The input has more than one `+`.
        public static let multiplePlusSigns = Code(rawValue: "multiple_plus_signs")
        /// A `+` comes after the first digit.
        public static let misplacedPlusSign = Code(rawValue: "misplaced_plus_sign")
        /// The number is written nationally but no default region was given.
        public static let missingCountryCode = Code(rawValue: "missing_country_code")
        /// The default region is not one Tocsin knows.
        public static let unknownRegion = Code(rawValue: "unknown_region")
        /// The digits after `+` (or `00`, `011`) do not start with an assigned country calling code.
        public static let unknownCountryCode = Code(rawValue: "unknown_country_code")
        /// Too few digits for the country.
        public static let tooShort = Code(rawValue: "too_short")
        /// Too many digits for the country (or more than the 15 E.164 allows).
        public static let tooLong = Code(rawValue: "too_long")
        /// A North American area code that is malformed, a service code (N11), or not assigned.
        public static let invalidAreaCode = Code(rawValue: "invalid_area_code")
        /// A North American exchange (the 3 digits after the area code) that starts with 0 or 1.
        public static let invalidExchange = Code(rawValue: "invalid_exchange")
        /// The national number starts with digits the country does not use.
        public static let invalidPrefix = Code(rawValue: "invalid_prefix")
    }

    /// Why the input was rejected.
    public let code: Code
    /// What is wrong and how to fix it, in one sentence. Contains no phone number.
    public let message: String

    /// Creates an error; prefer the factory methods below so messages stay consistent.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { self.message }
}

// MARK: - Factories

extension PhoneNumberError {
    static let example = "e.g. +1 415 555 0100"

    static var empty: Self {
        .init(code: .empty, message: "phone number is empty; enter it with + and the country code (\(Self.example))")
    }

    static var noDigits: Self {
        .init(code: .empty, message: "phone number has no digits; enter it with + and the country code (\(Self.example))")
    }

    static var letters: Self {
        .init(
            code: .letters,
            message: "phone number contains letters; vanity numbers (like 1-800-FLOWERS) are not accepted, enter digits only"
        )
    }

    static var `extension`: Self {
        .init(
            code: .extension,
            message: "phone number has an extension (ext, x, #, ',' or ';'); remove it, an extension cannot receive SMS"
        )
    }

    static func invalidCharacter(_ scalar: Unicode.Scalar) -> Self {
        let shown = scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F
            ? "U+" + String(scalar.value, radix: 16, uppercase: true)
            : "'\(Character(scalar))'"
        return .init(
            code: .invalidCharacter,
            message: "phone number contains \(shown), which is neither a digit nor a separator (space, - . / ( ))"
        )
    }

    static var multiplePlusSigns: Self {
        .init(code: .multiplePlusSigns, message: "phone number has more than one '+'; keep a single + before the country code")
    }

    static var misplacedPlusSign: Self {
        .init(code: .misplacedPlusSign, message: "'+' must come first, before the country code (\(Self.example))")
    }

    static var missingCountryCode: Self {
        .init(
            code: .missingCountryCode,
            message: "number has no country code; start it with + and the country code (\(Self.example)) "
                + "or pass a default region (US, CA, GB, HK, ...)"
        )
    }

    static func unknownRegion(_ region: String) -> Self {
        // Echo the region only when it cannot be (part of) a phone number.
        let isLetters = region.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
        let shown = isLetters && region.unicodeScalars.count <= 3 ? "'\(region)'" : "the given region"
        return .init(
            code: .unknownRegion,
            message: "unknown default region \(shown); use an ISO 3166-1 alpha-2 code such as US, CA, GB or HK"
        )
    }

    static func unknownCountryCode(_ leadingDigits: String) -> Self {
        if leadingDigits.hasPrefix("0") {
            return .init(
                code: .unknownCountryCode,
                message: "a country calling code never starts with 0; write + then the country code (\(Self.example))"
            )
        }
        return .init(
            code: .unknownCountryCode,
            message: "+\(leadingDigits) is not an assigned country calling code; check the digits after +"
        )
    }

    static func tooManyDigits(_ limit: Int) -> Self {
        .init(code: .tooLong, message: "phone number has more than \(limit) digits; an international number has at most 15")
    }

    static func tooLongForE164(_ count: Int) -> Self {
        .init(code: .tooLong, message: "number has \(count) digits; an international number has at most 15, country code included")
    }

    /// A length error, e.g. "number has 9 digits; a US/CA number needs 10 (area code + number)".
    ///
    /// - Parameters:
    ///   - count: how many digits the input has (after `after`, when given).
    ///   - after: where counting started, e.g. "+33", or nil for the whole national number.
    ///   - subject: what needs the length, e.g. "a US/CA number" or "a number in FR".
    ///   - expected: the lengths the subject allows.
    ///   - hint: text appended as is, e.g. " (area code + number)".
    static func length(
        _ count: Int, after: String? = nil, subject: String, expected: ClosedRange<Int>, hint: String = ""
    ) -> Self {
        let needs = expected.lowerBound == expected.upperBound
            ? "\(expected.lowerBound)" : "\(expected.lowerBound) to \(expected.upperBound)"
        let counted = "number has \(count) digit\(count == 1 ? "" : "s")" + (after.map { " after \($0)" } ?? "")
        return .init(code: count < expected.lowerBound ? .tooShort : .tooLong, message: "\(counted); \(subject) needs \(needs)\(hint)")
    }
}
