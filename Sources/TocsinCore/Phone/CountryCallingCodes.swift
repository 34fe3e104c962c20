/// The ITU-T E.164 country calling codes in service, with their regions, lengths and time zones.
///
/// Country codes are prefix-free: no assigned code is the start of another, so the digits after `+` have at
/// most one match among their first one, two or three digits. The tables are in `CountryCallingCodes+*.swift`,
/// one file per ITU world zone; national lengths follow the operators' fixed and mobile plans.
public enum CountryCallingCodes {
    /// Every assigned code, +1 first.
    public static let all: [CountryCallingCode] =
        [CountryCallingCode(1, nil, 10...10, trunk: "1", timeZones: [])]
        + Self.zone2 + Self.zones3And4 + Self.zones5And6 + Self.zones7To9

    /// The entry for a calling code, or nil when the code is not assigned.
    public static func entry(for code: Int) -> CountryCallingCode? {
        Self.byCode[code]
    }

    /// The calling code at the start of `digits` (the digits after `+`), or nil when none is assigned.
    public static func matching(_ digits: some StringProtocol) -> CountryCallingCode? {
        guard let first = digits.first, first != "0" else { return nil }
        for length in 1...3 where digits.count >= length {
            if let code = Int(digits.prefix(length)), let entry = Self.byCode[code] { return entry }
        }
        return nil
    }

    /// The calling code used by a region (ISO 3166-1 alpha-2, upper case), or nil when Tocsin does not know it.
    ///
    /// Accepts every region of the tables, including those reached through a shared code (`"PR"`, `"KZ"`,
    /// `"VA"`), the UK Crown dependencies (`"GG"`, `"JE"`, `"IM"`) and Saint Barthélemy and Saint Martin
    /// (`"BL"`, `"MF"`, whose numbers report region GP).
    public static func entry(forRegion region: String) -> CountryCallingCode? {
        Self.byRegion[region].flatMap { Self.byCode[$0] }
    }

    static let byCode: [Int: CountryCallingCode] = Dictionary(
        Self.all.map { ($0.code, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    static let byRegion: [String: Int] = {
        var map: [String: Int] = [:]
        for entry in Self.all {
            for region in entry.regions where map[region] == nil { map[region] = entry.code }
        }
        // Regions that share a code with a larger one, or are written with codes outside ISO 3166-1.
        let aliases = ["GG": 44, "JE": 44, "IM": 44, "BL": 590, "MF": 590, "SH": 290, "AC": 247, "TA": 290]
        map.merge(aliases) { _, alias in alias }
        return map
    }()
}
