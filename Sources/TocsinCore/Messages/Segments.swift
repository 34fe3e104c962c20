/// The character encoding an SMS is sent in.
///
/// The raw values are the names printed by `tocsin segments` and logged with each message.
public enum SMSEncoding: String, Sendable, Codable, Hashable, CaseIterable {
    /// The GSM 03.38 default alphabet with its extension table, 7 bits per character.
    case gsm7 = "GSM-7"
    /// 16-bit UTF-16 code units (carriers call it UCS-2); characters outside the BMP take two.
    case ucs2 = "UCS-2"
}

/// How many SMS segments a text costs, and in which encoding (3GPP TS 23.038 and 23.040).
///
/// The rules:
/// - GSM-7 is used only when every character is in ``GSM7Alphabet``; extension characters
///   (`^ { } \ [ ~ ] | €` and form feed) cost two septets. Any other character switches the **whole**
///   message to UCS-2, counted in UTF-16 code units (emoji and other non-BMP characters count 2).
/// - A message that fits in one SMS holds 160 septets or 70 units. A longer message is split into
///   segments of at most 153 septets or 67 units (152 / 66 with a 16-bit concatenation reference).
/// - An escape + character pair or a surrogate pair is never split across segments, so segments are
///   counted by packing characters in order, not by dividing: a segment may end at 152 septets or 66 units.
/// - An empty text is one segment with zero units: sending an empty body still sends, and is billed as,
///   one SMS.
///
/// ```swift
/// let count = SegmentCount.count("Reply ARRÊT to stop")
/// // count.encoding == .ucs2, count.nonGSMCharacters == ["Ê"]
/// ```
public struct SegmentCount: Sendable, Hashable, Codable {
    /// The encoding the whole message is sent in.
    public var encoding: SMSEncoding
    /// Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.
    public var units: Int
    /// The number of SMS segments the message is split into; at least 1.
    public var segments: Int
    /// The distinct characters that forced UCS-2, in order of first appearance; empty for GSM-7.
    ///
    /// Each entry is one user-perceived character (a grapheme cluster), so a decomposed `"e\u{301}"` or
    /// an emoji with a skin-tone modifier is reported whole.
    public var nonGSMCharacters: [String]

    /// Creates a count from its parts; use ``count(_:reference:)`` to compute one.
    public init(encoding: SMSEncoding, units: Int, segments: Int, nonGSMCharacters: [String] = []) {
        self.encoding = encoding
        self.units = units
        self.segments = segments
        self.nonGSMCharacters = nonGSMCharacters
    }

    /// The size of the concatenation reference in each segment's user data header.
    public enum ConcatenationReference: Sendable, Hashable {
        /// 8-bit reference (6-octet header): 153 septets or 67 units per segment. The usual case.
        case eightBit
        /// 16-bit reference (7-octet header): 152 septets or 66 units per segment. Some US and Canadian
        /// toll-free routes use it.
        case sixteenBit
    }

    /// Counts the encoding, units and segments of `text`.
    ///
    /// - Parameters:
    ///   - text: The exact message body that will be sent.
    ///   - reference: The concatenation header the route uses; ``ConcatenationReference/eightBit`` unless
    ///     the carrier says otherwise.
    /// - Returns: The count. It never returns zero segments.
    public static func count(_ text: String, reference: ConcatenationReference = .eightBit) -> SegmentCount {
        let offenders = Self.nonGSMCharacters(in: text)
        let encoding: SMSEncoding = offenders.isEmpty ? .gsm7 : .ucs2
        let costs: [Int]
        switch encoding {
        case .gsm7:
            // Every scalar is known to be encodable here, so the fallback is never used.
            costs = text.unicodeScalars.map { GSM7Alphabet.septets(for: $0) ?? 2 }
        case .ucs2:
            costs = text.unicodeScalars.map { $0.utf16.count }
        }
        let units = costs.reduce(0, +)
        let limits = Self.limits(for: encoding, reference: reference)
        let segments = units <= limits.single ? 1 : Self.pack(costs, capacity: limits.perSegment)
        return SegmentCount(encoding: encoding, units: units, segments: segments, nonGSMCharacters: offenders)
    }

    /// One line of compact JSON for `tocsin segments --json`, keys in the order encoding, units, segments.
    ///
    /// ``nonGSMCharacters`` is left out on purpose. Example: `{"encoding":"GSM-7","units":5,"segments":1}`.
    public func jsonLine() -> String {
        "{\"encoding\":\"\(self.encoding.rawValue)\",\"units\":\(self.units),\"segments\":\(self.segments)}"
    }

    // MARK: - Internals

    /// Single-message and per-segment capacities in the encoding's units.
    static func limits(
        for encoding: SMSEncoding,
        reference: ConcatenationReference
    ) -> (single: Int, perSegment: Int) {
        switch (encoding, reference) {
        case (.gsm7, .eightBit): (160, 153)
        case (.gsm7, .sixteenBit): (160, 152)
        case (.ucs2, .eightBit): (70, 67)
        case (.ucs2, .sixteenBit): (70, 66)
        }
    }

    /// Packs indivisible items of the given costs into as few segments of `capacity` as order allows.
    private static func pack(_ costs: [Int], capacity: Int) -> Int {
        var segments = 1
        var used = 0
        for cost in costs {
            if used + cost > capacity {
                segments += 1
                used = 0
            }
            used += cost
        }
        return segments
    }

    /// The distinct characters of `text` that GSM-7 cannot carry, in order of first appearance.
    private static func nonGSMCharacters(in text: String) -> [String] {
        // Fast path: most alerts are plain GSM-7, and scalar lookups are cheaper than grapheme breaking.
        if text.unicodeScalars.allSatisfy({ GSM7Alphabet.septets(for: $0) != nil }) {
            return []
        }
        var seen: Set<String> = []
        var result: [String] = []
        for character in text where !GSM7Alphabet.contains(character) {
            let string = String(character)
            if seen.insert(string).inserted {
                result.append(string)
            }
        }
        return result
    }
}
