/// Where a number belongs for compliance: the policy that applies and what it was derived from.
public struct Jurisdiction: Sendable, Hashable, CustomStringConvertible {
    /// The policy key (`us-fl`, `us`, `ca`, `hk`, `uk`, `default`); several overlays joined with `+`.
    public var key: String
    /// ISO 3166-1 region of the number, when known.
    public var region: String?
    /// ISO 3166-2 subdivisions of a NANP number's area code.
    public var subdivisions: [String]

    public init(key: String, region: String? = nil, subdivisions: [String] = []) {
        self.key = key
        self.region = region
        self.subdivisions = subdivisions
    }

    /// The key of the strictest policy, for unknown numbers.
    public static let defaultKey = "default"

    public var description: String { self.key }
}
