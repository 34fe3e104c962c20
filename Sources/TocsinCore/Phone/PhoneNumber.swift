/// A valid phone number in canonical E.164 form (`+14155550100`).
///
/// Make one with ``parse(_:defaultRegion:)`` from what a person typed, or with ``init(e164:)`` from a stored
/// canonical string. Every value is valid: its country code is assigned and its national number fits that
/// country's plan (for +1: an assigned area code).
///
/// - Important: ``description`` is the ``masked`` form, so `"\(phone)"` in a log line never leaks the number.
///   Use ``e164`` only where the full number is needed (carrier requests, storage).
///
/// ## Topics
/// ### Creating
/// - ``parse(_:defaultRegion:)``
/// - ``init(e164:)``
/// ### Parts
/// - ``e164`` ``countryCallingCode`` ``nationalNumber``
/// ### Place and time
/// - ``region`` ``subdivision`` ``subdivisions`` ``timeZones``
/// ### Logging
/// - ``masked``
public struct PhoneNumber: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The canonical form: `+`, the country calling code, and the national significant number.
    public let e164: String
    /// The length of the country calling code in `e164` (1–3 digits).
    private let callingCodeLength: Int

    /// Wraps a string that parsing has already validated.
    init(validatedE164 e164: String, callingCodeLength: Int) {
        self.e164 = e164
        self.callingCodeLength = callingCodeLength
    }

    /// Accepts only a valid, canonical E.164 string: `+` then digits, no spaces, no trunk prefix.
    ///
    /// Returns nil for anything else, including numbers that ``parse(_:defaultRegion:)`` would accept after
    /// cleaning up (`"+1 415 555 0100"`) and canonical-looking strings that are not valid (`"+15555550100"`).
    public init?(e164: String) {
        guard e164.utf8.first == UInt8(ascii: "+"), e164.utf8.count <= 16,
            e164.utf8.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let parsed = try? Self.parse(e164), parsed.e164 == e164
        else { return nil }
        self = parsed
    }

    // MARK: - Parts

    /// The country calling code: 1, 44, 852, ...
    public var countryCallingCode: Int {
        Int(self.e164.dropFirst().prefix(self.callingCodeLength)) ?? 0
    }

    /// The national significant number: the digits after the calling code (no trunk prefix).
    public var nationalNumber: String {
        String(self.e164.dropFirst(1 + self.callingCodeLength))
    }

    // MARK: - Place and time

    /// The ISO 3166-1 alpha-2 region: "US", "CA", "HK", "GB", "JM", "FR", ...
    ///
    /// Nil when the number does not say where it is: NANP non-geographic codes (toll-free 800, ...) and
    /// international services such as +800 or +881.
    public var region: String? {
        if let areaCode = self.nanpAreaCode { return areaCode.region }
        return self.callingCodeEntry?.resolve(nationalNumber: self.nationalNumber).region
    }

    /// The ISO 3166-2 subdivision for NANP geographic numbers ("US-FL", "CA-QC"); nil when the area code serves
    /// several (867, 902/782) and for every other number.
    public var subdivision: String? {
        self.nanpAreaCode?.subdivision
    }

    /// Every ISO 3166-2 subdivision the NANP area code serves; empty for other numbers.
    public var subdivisions: [String] {
        self.nanpAreaCode?.subdivisions ?? []
    }

    /// Candidate IANA time zones, most likely first; empty when unknown (non-geographic numbers).
    ///
    /// NANP numbers use their area code; other numbers their country, refined by leading digits where that is
    /// trivially known (Brazilian and Australian area codes, the Canary Islands, ...).
    public var timeZones: [String] {
        if self.countryCallingCode == 1 { return self.nanpAreaCode?.timeZones ?? [] }
        return self.callingCodeEntry?.resolve(nationalNumber: self.nationalNumber).timeZones ?? []
    }

    // MARK: - Logging

    /// For logs: the calling code and the last two digits, the rest as `*`: `+1********00`.
    public var masked: String {
        let national = self.nationalNumber
        let hidden = max(0, national.count - 2)
        return "+\(self.countryCallingCode)" + String(repeating: "*", count: hidden) + national.dropFirst(hidden)
    }

    /// The ``masked`` form, so interpolating a number into a log line never leaks it.
    public var description: String { self.masked }

    /// Orders by the E.164 string.
    public static func < (lhs: PhoneNumber, rhs: PhoneNumber) -> Bool {
        lhs.e164 < rhs.e164
    }

    // MARK: - Internals

    private var callingCodeEntry: CountryCallingCode? {
        CountryCallingCodes.entry(for: self.countryCallingCode)
    }

    private var nanpAreaCode: NANPAreaCode? {
        guard self.countryCallingCode == 1 else { return nil }
        return NANPAreaCodes.areaCode(self.nationalNumber.prefix(3))
    }
}

extension PhoneNumber {
    /// A number read back from storage, which only ever holds what ``parse(_:defaultRegion:)`` returned: its
    /// shape is checked and its calling code found, without the full validation of ``init(e164:)`` (the
    /// dispatcher reads one per message it sends).
    ///
    /// - Returns: nil when the text is not `+` and 2–15 digits starting with an assigned calling code.
    public init?(stored e164: String) {
        let bytes = e164.utf8
        guard bytes.first == UInt8(ascii: "+"), (3...16).contains(bytes.count),
            bytes.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let callingCode = CountryCallingCodes.matching(e164.dropFirst())
        else { return nil }
        let length = callingCode.code < 10 ? 1 : callingCode.code < 100 ? 2 : 3
        guard bytes.count > length + 1 else { return nil }
        self.init(validatedE164: e164, callingCodeLength: length)
    }
}
