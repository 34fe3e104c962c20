/// The assigned area codes of the North American Numbering Plan, as of 2025.
///
/// The tables live in `NANPAreaCodes+*.swift`, one file per part of the plan. A code that is missing is
/// unassigned or reserved (37X, 96X, N9X, 555, the N11 service codes, ...), and numbers using it are invalid.
///
/// Area codes that cross a time-zone line list every zone, the one most subscribers are in first. Some of
/// those lines are unofficial local practice (e.g. Phenix City, AL keeping Eastern time), which matters for
/// quiet hours all the same.
public enum NANPAreaCodes {
    /// Every assigned area code, geographic and not.
    public static let all: [NANPAreaCode] = (
        Self.unitedStatesAToM + Self.unitedStatesMToW + Self.territoryCodes + Self.canadianCodes + Self.caribbeanCodes
            + Self.nonGeographicCodes
    ).flatMap { $0 }

    /// The entry for a three-digit area code, or nil when it is not assigned.
    public static func areaCode(_ code: some StringProtocol) -> NANPAreaCode? {
        Self.byCode[String(code)]
    }

    /// Every region (ISO 3166-1 alpha-2) that uses +1, US and CA first.
    public static let regions: [String] = {
        var seen: Set<String> = []
        return ["US", "CA"] + Self.all.compactMap(\.region).filter { $0 != "US" && $0 != "CA" && seen.insert($0).inserted }
    }()

    static let byCode: [String: NANPAreaCode] = Dictionary(
        Self.all.map { ($0.code, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    // MARK: - Time zones shared by many rows

    static let eastern = ["America/New_York"]
    static let central = ["America/Chicago"]
    static let mountain = ["America/Denver"]
    static let pacific = ["America/Los_Angeles"]
    /// Arizona keeps MST all year (America/Phoenix).
    static let arizona = ["America/Phoenix"]
    /// Southern Idaho is on Mountain time (America/Boise), the panhandle on Pacific time.
    static let idaho = ["America/Boise", "America/Los_Angeles"]
    static let alaska = [
        "America/Anchorage", "America/Juneau", "America/Sitka", "America/Nome", "America/Yakutat",
        "America/Metlakatla", "America/Adak",
    ]
    static let hawaii = ["Pacific/Honolulu"]
    static let centralAndEastern = ["America/Chicago", "America/New_York"]
    static let easternAndCentral = ["America/New_York", "America/Chicago"]
    static let centralAndMountain = ["America/Chicago", "America/Denver"]

    // MARK: - Row builders

    /// US state (or DC) rows: region US, subdivision `US-<state>`.
    static func us(_ state: String, _ zones: [String], _ codes: String...) -> [NANPAreaCode] {
        codes.map { NANPAreaCode(code: $0, region: "US", subdivisions: ["US-\(state)"], timeZones: zones) }
    }

    /// Canadian rows: region CA, subdivisions `CA-<province>` (several when one code serves several).
    static func canada(_ provinces: [String], _ zones: [String], _ codes: String...) -> [NANPAreaCode] {
        codes.map {
            NANPAreaCode(code: $0, region: "CA", subdivisions: provinces.map { "CA-\($0)" }, timeZones: zones)
        }
    }

    /// US territory rows: their own ISO region (e.g. PR) and the US subdivision code (e.g. US-PR).
    static func territory(_ region: String, _ zones: [String], _ codes: String...) -> [NANPAreaCode] {
        codes.map { NANPAreaCode(code: $0, region: region, subdivisions: ["US-\(region)"], timeZones: zones) }
    }

    /// Rows for the other NANP countries and territories, which have no subdivision here.
    static func country(_ region: String, _ zones: [String], _ codes: String...) -> [NANPAreaCode] {
        codes.map { NANPAreaCode(code: $0, region: region, subdivisions: [], timeZones: zones) }
    }

    /// Non-geographic rows: no region, subdivision or zone.
    static func nonGeographic(_ codes: String...) -> [NANPAreaCode] {
        codes.map { NANPAreaCode(code: $0, region: nil, subdivisions: [], timeZones: []) }
    }
}
