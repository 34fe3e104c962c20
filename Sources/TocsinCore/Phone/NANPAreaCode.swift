/// One assigned area code (NPA) of the North American Numbering Plan (+1).
///
/// Geographic codes have a ``region`` and at least one time zone; non-geographic ones (toll-free 800/8XX, the
/// 5XX personal and machine codes, 600, 700, 710, 900) have neither, because the caller can be anywhere.
public struct NANPAreaCode: Sendable, Hashable {
    /// The three digits, e.g. `"415"`.
    public let code: String
    /// ISO 3166-1 alpha-2 country or territory, e.g. `"US"`, `"CA"`, `"PR"`, `"JM"`; nil when non-geographic.
    public let region: String?
    /// ISO 3166-2 subdivisions the code serves, e.g. `["US-FL"]` or `["CA-NS", "CA-PE"]`.
    ///
    /// Empty outside the US, its territories and Canada. US territories use the US codes (`"US-PR"`), which
    /// ISO 3166-2 lists as subdivisions of the US.
    public let subdivisions: [String]
    /// Candidate IANA time zones, most likely first; empty when non-geographic.
    public let timeZones: [String]

    /// Creates an entry; the tables in ``NANPAreaCodes`` are the only intended source.
    public init(code: String, region: String?, subdivisions: [String], timeZones: [String]) {
        self.code = code
        self.region = region
        self.subdivisions = subdivisions
        self.timeZones = timeZones
    }

    /// Whether the code belongs to a place (as opposed to toll-free and other non-geographic services).
    public var isGeographic: Bool { self.region != nil }

    /// The single subdivision the code serves, or nil when it serves several (867, 902/782) or none.
    public var subdivision: String? { self.subdivisions.count == 1 ? self.subdivisions[0] : nil }
}
