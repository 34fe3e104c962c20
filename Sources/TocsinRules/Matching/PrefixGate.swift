/// For a plain-ASCII normalised message: which phrase patterns could match starting at a given word,
/// judged from the word's first bytes. Most messages then run no pattern, and the others run only the
/// one or two phrases that can start there.
///
/// Normalised ASCII text contains only A–Z, 0–9 and single spaces, and every phrase match starts at a
/// word start. At load time each phrase is explored with PCRE2 partial matching (`PCRE2_PARTIAL_HARD`)
/// over that alphabet, keeping every 8-byte window (fewer at the end of the text) that a matching text
/// could begin with, and every shorter prefix within which the phrase already matches. The gate is a
/// superset: it may name a phrase that then fails, but never leaves out one that would match. Messages
/// with other characters (Chinese, look-alikes) skip the gate and run the combined patterns.
struct PrefixGate: Sendable {
    /// Bit for the combined `whole`/`start` phrase route in a ``candidates(_:at:)`` mask.
    static let routeBit: UInt64 = 1 << 63
    /// Bit standing for "phrase 62 or later" when there are more phrases than bits.
    static let overflowBit: UInt64 = 1 << 62

    /// By the first 4 bytes of a word: bit 0 when some 8-byte window starts with them; bit 8 + k when a
    /// terminal prefix of length k does. One lookup settles most words.
    private let heads: WindowTable
    /// 8-byte windows → phrase bits.
    private let long: WindowTable
    /// Prefixes shorter than 8 bytes within which a phrase already matches → phrase bits.
    private let terminal: WindowTable

    /// Number of windows known (for diagnostics).
    var windowCount: Int { self.heads.count + self.long.count + self.terminal.count }

    /// The bit that stands for phrase `index`.
    static func bit(_ index: Int) -> UInt64 {
        index < 62 ? 1 << UInt64(index) : Self.overflowBit
    }

    /// Explores each phrase (compiled `anchored` and `partial`) and the route.
    init(phrases: [PCRE2Pattern], route: PCRE2Pattern?) {
        var heads: [UInt64: UInt64] = [:]
        var long: [UInt64: UInt64] = [:]
        var terminal: [UInt64: UInt64] = [:]
        let scratch = PCRE2MatchScratch()
        var sources = phrases.enumerated().map { ($0.element, Self.bit($0.offset)) }
        if let route { sources.append((route, Self.routeBit)) }
        for (pattern, bit) in sources {
            let found = Self.explore(pattern, scratch)
            for window in found.windows {
                long[window, default: 0] |= bit
                heads[window & 0xFFFF_FFFF, default: 0] |= 1
            }
            for prefix in found.terminal {
                terminal[Self.key(prefix), default: 0] |= bit
                for head in Self.extensions(of: Array(prefix.prefix(4))) {
                    heads[Self.key(head), default: 0] |= 1 << (8 + UInt64(prefix.count))
                }
            }
        }
        self.heads = WindowTable(heads)
        self.long = WindowTable(long)
        self.terminal = WindowTable(terminal)
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ".utf8)

    /// Breadth-first over prefixes up to 8 bytes, dropping those no matching text can start with.
    private static func explore(
        _ pattern: PCRE2Pattern, _ scratch: borrowing PCRE2MatchScratch
    ) -> (windows: [UInt64], terminal: [[UInt8]]) {
        var windows: [UInt64] = []
        var terminal: [[UInt8]] = []
        var frontier: [[UInt8]] = [[]]
        for _ in 0..<8 {
            var next: [[UInt8]] = []
            for prefix in frontier {
                if !prefix.isEmpty, pattern.prefixMatch(prefix, complete: true, scratch: scratch) != .none {
                    windows.append(Self.key(prefix))  // the text may end here
                }
                for byte in Self.alphabet where byte != 0x20 || (prefix.last ?? 0x20) != 0x20 {
                    let candidate = prefix + [byte]
                    switch pattern.prefixMatch(candidate, complete: false, scratch: scratch) {
                    case .none: continue
                    case .complete where candidate.count < 8: terminal.append(candidate)
                    default: next.append(candidate)
                    }
                }
            }
            frontier = next
        }
        return (windows + frontier.map(Self.key), terminal)
    }

    /// `prefix` itself if it has 4 bytes, else every 4-byte window (or shorter, at the end of the text)
    /// that starts with it.
    private static func extensions(of prefix: [UInt8]) -> [[UInt8]] {
        guard prefix.count < 4 else { return [prefix] }
        return [prefix] + Self.alphabet.flatMap { Self.extensions(of: prefix + [$0]) }
    }

    static func key(_ bytes: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for (index, byte) in bytes.prefix(8).enumerated() { key |= UInt64(byte) << (8 * UInt64(index)) }
        return key
    }

    /// The 8 bytes at `position`, zero-padded past the end, packed little-endian.
    @inline(__always)
    static func window(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt64 {
        let base = bytes.baseAddress!
        if position &+ 8 <= bytes.count {
            return UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self).littleEndian
        }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for index in position..<bytes.count {
            key |= UInt64(base[index]) << shift
            shift &+= 8
        }
        return key
    }

    /// The phrases (bits) that may match starting at `position`.
    @inline(__always)
    func candidates(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt64 {
        let window = Self.window(bytes, at: position)
        let head = self.heads.mask(window & 0xFFFF_FFFF)
        if head == 0 { return 0 }
        var mask = head & 1 != 0 ? self.long.mask(window) : 0
        var lengths = head >> 8
        while lengths != 0 {
            let length = UInt64(lengths.trailingZeroBitCount)
            lengths &= lengths &- 1
            mask |= self.terminal.mask(window & ((1 << (8 * length)) &- 1))
        }
        return mask
    }
}
