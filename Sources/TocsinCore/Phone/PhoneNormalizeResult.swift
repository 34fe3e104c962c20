/// One line of `tocsin phone normalize --json`: what Tocsin makes of one input.
///
/// Print ``jsonLine()``: it writes the keys in the documented order (`input`, `e164`, `valid`, `region`,
/// `timezones`, `error`) with explicit `null`s. `JSONEncoder` also writes the `null`s (see ``encode(to:)``),
/// but on Linux it does not keep key order.
public struct PhoneNormalizeResult: Sendable, Hashable, Encodable, CustomStringConvertible {
    /// The input exactly as given.
    public var input: String
    /// The canonical number, or nil when the input is not a valid number.
    public var e164: String?
    /// Whether the input is a valid number.
    public var valid: Bool
    /// ISO 3166-1 alpha-2 region, or nil when unknown (non-geographic, or invalid).
    public var region: String?
    /// Candidate IANA time zones, most likely first.
    public var timezones: [String]
    /// Why the input is invalid; nil when valid.
    public var error: String?

    /// Creates a result; ``normalize(_:defaultRegion:)`` is the usual way to get one.
    public init(input: String, e164: String?, valid: Bool, region: String?, timezones: [String], error: String?) {
        self.input = input
        self.e164 = e164
        self.valid = valid
        self.region = region
        self.timezones = timezones
        self.error = error
    }

    /// Parses `input` and reports the outcome, valid or not.
    public static func normalize(_ input: String, defaultRegion: String?) -> PhoneNormalizeResult {
        do {
            let number = try PhoneNumber.parse(input, defaultRegion: defaultRegion)
            return .init(
                input: input, e164: number.e164, valid: true, region: number.region, timezones: number.timeZones,
                error: nil
            )
        } catch {
            return .init(input: input, e164: nil, valid: false, region: nil, timezones: [], error: error.message)
        }
    }

    /// The JSON keys, in the order ``jsonLine()`` writes them.
    enum CodingKeys: String, CodingKey {
        case input, e164, valid, region, timezones, error
    }

    /// Writes every key, with `null` for a missing `e164`, `region` or `error`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.input, forKey: .input)
        try container.encode(self.e164, forKey: .e164)
        try container.encode(self.valid, forKey: .valid)
        try container.encode(self.region, forKey: .region)
        try container.encode(self.timezones, forKey: .timezones)
        try container.encode(self.error, forKey: .error)
    }

    /// The result as one line of JSON, keys in order: input, e164, valid, region, timezones, error.
    public func jsonLine() -> String {
        let zones = self.timezones.map(Self.quoted).joined(separator: ",")
        return "{\"input\":\(Self.quoted(self.input)),\"e164\":\(self.e164.map(Self.quoted) ?? "null"),"
            + "\"valid\":\(self.valid),\"region\":\(self.region.map(Self.quoted) ?? "null"),"
            + "\"timezones\":[\(zones)],\"error\":\(self.error.map(Self.quoted) ?? "null")}"
    }

    /// Masks the number, like ``PhoneNumber/description``; the raw input is left out.
    public var description: String {
        let number = self.e164.flatMap(PhoneNumber.init(e164:))?.masked ?? "invalid"
        return "PhoneNormalizeResult(\(number), region: \(self.region ?? "nil"))"
    }

    static func quoted(_ text: String) -> String { JSONText.quoted(text) }
}
