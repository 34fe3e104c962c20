/// Decides, for a plain-ASCII normalised message, which pattern tiers could possibly match, from the
/// first four bytes of each word. Most messages that are not keywords then run no pattern at all.
///
/// Normalised ASCII text contains only A–Z, 0–9 and single spaces, and every match of the combined
/// patterns starts at a word start. At load time each gate pattern is explored with PCRE2 partial
/// matching (`PCRE2_PARTIAL_HARD`) over that alphabet, keeping every 4-byte window (or shorter window at
/// the end of the text) that some matching text could begin with. The gate is therefore a superset: it
/// may let a message through that then fails, but never stops one that would match. Messages with other
/// characters (Chinese, look-alikes) skip the gate and run the patterns in full.
struct PrefixGate: Sendable {
    /// Which tier a window can start.
    struct Tier: OptionSet, Sendable {
        let rawValue: UInt8
        /// The revocation pattern anchored at the start of the message (filler + per-se word or phrase).
        static let anchoredHead = Tier(rawValue: 1)
        /// A per-se word or a `whole`/`start` phrase (one must occur for the anchored pattern to match).
        static let anchoredCore = Tier(rawValue: 2)
        /// An `anywhere` revocation phrase.
        static let anywhere = Tier(rawValue: 4)
        /// A per-se word or an ambiguous phrase.
        static let ambiguous = Tier(rawValue: 8)
    }

    private let table: WindowTable

    /// Number of windows known (for diagnostics).
    var windowCount: Int { self.table.count }

    /// Explores each pattern (compiled `anchored`) and records the windows it can start with.
    init(_ patterns: [(pattern: PCRE2Pattern, tier: Tier)]) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".utf8)
        var windows: [UInt32: UInt8] = [:]
        let scratch = PCRE2MatchScratch()
        for (pattern, tier) in patterns {
            var frontier: [[UInt8]] = [[]]
            for _ in 0..<4 {
                var next: [[UInt8]] = []
                for prefix in frontier {
                    if !prefix.isEmpty, pattern.couldMatch(prefix: prefix, complete: true, scratch: scratch) {
                        windows[Self.key(prefix), default: 0] |= tier.rawValue  // the text ends here
                    }
                    for byte in alphabet where byte != 0x20 || (prefix.last ?? 0x20) != 0x20 {
                        let candidate = prefix + [byte]
                        if pattern.couldMatch(prefix: candidate, complete: false, scratch: scratch) { next.append(candidate) }
                    }
                }
                frontier = next
            }
            for window in frontier { windows[Self.key(window), default: 0] |= tier.rawValue }
        }
        self.table = WindowTable(windows)
    }

    static func key(_ bytes: [UInt8]) -> UInt32 {
        var key: UInt32 = 0
        for (index, byte) in bytes.prefix(4).enumerated() { key |= UInt32(byte) << (8 * UInt32(index)) }
        return key
    }

    /// The window of up to four bytes at `position`, zero-padded past the end.
    @inline(__always)
    static func window(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt32 {
        let base = bytes.baseAddress!
        if position &+ 4 <= bytes.count {
            return UnsafeRawPointer(base + position).loadUnaligned(as: UInt32.self).littleEndian
        }
        var key: UInt32 = 0
        var shift: UInt32 = 0
        for index in position..<bytes.count {
            key |= UInt32(base[index]) << shift
            shift &+= 8
        }
        return key
    }

    /// The tiers that the window at `position` can start.
    @inline(__always)
    func tiers(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Tier {
        Tier(rawValue: self.table.mask(Self.window(bytes, at: position)))
    }
}
