/// Decides, for a plain-ASCII normalised message, which pattern tiers could possibly match, from the
/// first bytes of a word. Most messages that are not keywords then run no pattern at all.
///
/// Normalised ASCII text contains only A–Z, 0–9 and single spaces, and every match of the combined
/// patterns starts at a word start. At load time each gate pattern is explored with PCRE2 partial
/// matching (`PCRE2_PARTIAL_HARD`) over that alphabet, keeping every window (the first 4 or 8 bytes, or
/// fewer at the end of the text) that some matching text could begin with. The gate is therefore a
/// superset: it may let a message through that then fails, but never stops one that would match.
/// Messages with other characters (Chinese, look-alikes) skip the gate and run the patterns in full.
struct PrefixGate: Sendable {
    /// Which tier a window can start.
    struct Tier: OptionSet, Sendable {
        let rawValue: UInt8
        /// A `whole` or `start` revocation phrase (8-byte windows).
        static let phrase = Tier(rawValue: 1)
        /// An `anywhere` revocation phrase (8-byte windows).
        static let anywhere = Tier(rawValue: 2)
        /// A per-se word or an ambiguous phrase (4-byte windows).
        static let ambiguous = Tier(rawValue: 4)
    }

    /// One pattern to explore, compiled `anchored` and `partial`, and its window length (4 or 8).
    struct Source {
        var pattern: PCRE2Pattern
        var tier: Tier
        var depth: Int
    }

    /// By the first 4 bytes of a word: the 4-byte tiers it starts (low byte, ``Tier/ambiguous``), which
    /// 8-byte tiers have a window starting with these bytes (low byte, shifted by `longShift`), and in the
    /// high byte bit k when a terminal prefix of length k starts with them. One lookup settles most words.
    private let heads: WindowTable
    /// 8-byte windows.
    private let long: WindowTable
    /// Prefixes shorter than 8 bytes within which an 8-byte pattern already completes.
    private let terminal: WindowTable
    /// Where the "some 8-byte window starts here" bits sit in a `heads` value.
    private static let longShift: UInt16 = 4

    /// Number of windows known (for diagnostics).
    var windowCount: Int { self.heads.count + self.long.count + self.terminal.count }

    /// Explores each pattern and records the windows it can start with.
    init(_ sources: [Source]) {
        var heads: [UInt64: UInt16] = [:]
        var long: [UInt64: UInt16] = [:]
        var terminal: [UInt64: UInt16] = [:]
        let scratch = PCRE2MatchScratch()
        for source in sources {
            let tier = UInt16(source.tier.rawValue)
            let found = Self.explore(source.pattern, depth: source.depth, stopWhenComplete: source.depth == 8, scratch)
            for window in found.windows {
                if source.depth == 8 {
                    long[window, default: 0] |= tier
                    heads[window & 0xFFFF_FFFF, default: 0] |= tier << Self.longShift
                } else {
                    heads[window, default: 0] |= tier
                }
            }
            for prefix in found.terminal {
                terminal[Self.key(prefix), default: 0] |= tier
                for head in Self.extensions(of: Array(prefix.prefix(4))) {
                    heads[Self.key(head), default: 0] |= 1 << (8 + UInt16(prefix.count))
                }
            }
        }
        self.heads = WindowTable(heads)
        self.long = WindowTable(long)
        self.terminal = WindowTable(terminal)
    }

    /// `prefix` itself if it has 4 bytes, else every 4-byte window (or shorter, at the end of the text)
    /// that starts with it.
    private static func extensions(of prefix: [UInt8]) -> [[UInt8]] {
        guard prefix.count < 4 else { return [prefix] }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".utf8)
        return [prefix] + alphabet.flatMap { Self.extensions(of: prefix + [$0]) }
    }

    /// Breadth-first over prefixes, dropping those no matching text can start with.
    private static func explore(
        _ pattern: PCRE2Pattern, depth: Int, stopWhenComplete: Bool, _ scratch: borrowing PCRE2MatchScratch
    ) -> (windows: [UInt64], terminal: [[UInt8]]) {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".utf8)
        var windows: [UInt64] = []
        var terminal: [[UInt8]] = []
        var frontier: [[UInt8]] = [[]]
        for _ in 0..<depth {
            var next: [[UInt8]] = []
            for prefix in frontier {
                if !prefix.isEmpty, pattern.prefixMatch(prefix, complete: true, scratch: scratch) != .none {
                    windows.append(Self.key(prefix))  // the text may end here
                }
                for byte in alphabet where byte != 0x20 || (prefix.last ?? 0x20) != 0x20 {
                    let candidate = prefix + [byte]
                    switch pattern.prefixMatch(candidate, complete: false, scratch: scratch) {
                    case .none: continue
                    case .complete where stopWhenComplete && candidate.count < depth: terminal.append(candidate)
                    default: next.append(candidate)
                    }
                }
            }
            frontier = next
        }
        return (windows + frontier.map(Self.key), terminal)
    }

    static func key(_ bytes: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for (index, byte) in bytes.prefix(8).enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
        return key
    }

    /// The window of up to `length` (4 or 8) bytes at `position`, zero-padded past the end.
    @inline(__always)
    static func window(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, length: Int) -> UInt64 {
        let base = bytes.baseAddress!
        if position &+ length <= bytes.count {
            let raw = UnsafeRawPointer(base + position)
            return length == 8
                ? raw.loadUnaligned(as: UInt64.self).littleEndian
                : UInt64(raw.loadUnaligned(as: UInt32.self).littleEndian)
        }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for index in position..<bytes.count {
            key |= UInt64(base[index]) << shift
            shift &+= 8
        }
        return key
    }

    /// The tiers a match starting at `position` may belong to.
    @inline(__always)
    func tiers(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Tier {
        let window = Self.window(bytes, at: position, length: 8)
        let head = self.heads.mask(window & 0xFFFF_FFFF)
        if head == 0 { return [] }
        var mask = head & 0xF
        if head & (0xF << Self.longShift) != 0 { mask |= self.long.mask(window) }
        var lengths = head >> 8
        while lengths != 0 {
            let length = UInt64(lengths.trailingZeroBitCount)
            lengths &= lengths &- 1
            mask |= self.terminal.mask(window & ((1 << (8 * length)) &- 1))
        }
        return Tier(rawValue: UInt8(truncatingIfNeeded: mask))
    }
}
