/// One ITU-T E.164 country calling code and what Tocsin knows about the numbers behind it.
///
/// The entries live in ``CountryCallingCodes``. `+1` is special: its regions and zones come from the area code
/// (see ``NANPAreaCodes``), so its entry has no ``region`` and no ``timeZones``.
public struct CountryCallingCode: Sendable, Hashable {
    /// A more precise answer for national numbers that start with one of `prefixes`.
    ///
    /// Used where the leading digits trivially give away the territory or the time zone (Kazakhstan inside +7,
    /// Brazilian area codes, the Canary Islands inside +34, ...). The longest matching prefix wins.
    public struct PrefixRule: Sendable, Hashable {
        /// Leading digits of the national significant number.
        public let prefixes: [String]
        /// The region for those numbers; nil keeps the code's main ``CountryCallingCode/region``.
        public let region: String?
        /// Candidate IANA time zones for those numbers, most likely first.
        public let timeZones: [String]

        init(_ prefixes: [String], region: String? = nil, timeZones: [String]) {
            self.prefixes = prefixes
            self.region = region
            self.timeZones = timeZones
        }
    }

    /// The calling code, e.g. `44`.
    public let code: Int
    /// The main region (ISO 3166-1 alpha-2); nil for +1 and for non-geographic codes such as +800 and +881.
    public let region: String?
    /// How many digits a fixed-line or mobile national significant number has (no country code, no trunk
    /// prefix).
    public let nationalNumberLengths: ClosedRange<Int>
    /// Other lengths valid only for service numbers (toll-free, premium rate, shared cost), if any.
    public let serviceNumberLengths: [Int]
    /// The national trunk prefix dialled before national numbers (`"0"` in the UK, `"8"` in Russia), if any.
    public let trunkPrefix: String?
    /// Candidate IANA time zones for the whole code, most likely first.
    public let timeZones: [String]
    /// Refinements by leading national digits.
    public let rules: [PrefixRule]

    init(
        _ code: Int, _ region: String?, _ lengths: ClosedRange<Int>, service: [Int] = [], trunk: String? = nil,
        timeZones: [String], rules: [PrefixRule] = []
    ) {
        self.code = code
        self.region = region
        self.nationalNumberLengths = lengths
        self.serviceNumberLengths = service
        self.trunkPrefix = trunk
        self.timeZones = timeZones
        self.rules = rules
    }

    /// Every region reachable through this code, the main one first.
    public var regions: [String] {
        if self.code == 1 { return NANPAreaCodes.regions }
        var seen: Set<String> = []
        return ([self.region] + self.rules.map(\.region)).compactMap { $0 }.filter { seen.insert($0).inserted }
    }

    /// The region and candidate zones for one national significant number under this code (not +1).
    func resolve(nationalNumber: some StringProtocol) -> (region: String?, timeZones: [String]) {
        var best: (length: Int, rule: PrefixRule)?
        for rule in self.rules {
            for prefix in rule.prefixes where nationalNumber.hasPrefix(prefix) && prefix.count > (best?.length ?? 0) {
                best = (prefix.count, rule)
            }
        }
        guard let rule = best?.rule else { return (self.region, self.timeZones) }
        return (rule.region ?? self.region, rule.timeZones)
    }

    /// How messages name numbers under this code: "a US/CA number", "a number in FR", "a +800 number".
    var subject: String {
        switch (self.code, self.region) {
        case (1, _): "a US/CA number"
        case (44, _): "a UK number"
        case (_, let region?): "a number in \(region)"
        case (let code, nil): "a +\(code) number"
        }
    }
}
