/// Writes normalised text into a caller-owned byte buffer, one item at a time (the Unicode path; plain
/// ASCII goes through ``ASCIINormalizer``, which follows the same rules).
///
/// It collapses separators into single spaces and never writes a leading or trailing one, and it notes the
/// two things that need a second pass: runs of three or more identical letters, and adjacent
/// single-letter words ("S T O P"). The second pass, ``finish(runLimit:)``, is skipped when neither occurs.
struct TokenWriter {
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0
    private var pendingSpace = false
    private var tokenStart = 0
    private var singleLetterStreak = 0
    private var lastLetter: UInt8 = 0
    private var runLength = 0
    /// Two or more single-letter words in a row were seen.
    private(set) var needsJoin = false
    /// A run of three or more identical letters was seen.
    private(set) var needsSqueeze = false

    init(buffer: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.buffer = buffer
        self.capacity = capacity
    }

    /// Appends an ASCII letter (already uppercase) or digit.
    @inline(__always)
    mutating func appendASCII(_ byte: UInt8) {
        guard self.count < self.capacity - 1 else { return }
        self.openTokenIfNeeded()
        if byte == self.lastLetter {
            self.runLength &+= 1
            if self.runLength == 3 { self.needsSqueeze = true }
        } else {
            self.lastLetter = byte &- 0x41 < 26 ? byte : 0
            self.runLength = 1
        }
        self.buffer[self.count] = byte
        self.count &+= 1
    }

    /// Appends the UTF-8 bytes of one non-ASCII scalar.
    mutating func appendScalar(_ scalar: Unicode.Scalar) {
        if scalar.isASCII {
            self.appendASCII(UInt8(scalar.value))
            return
        }
        let encoded = UTF8.encode(scalar)!
        guard self.count + encoded.count < self.capacity else { return }
        self.openTokenIfNeeded()
        self.lastLetter = 0
        self.runLength = 0
        for byte in encoded {
            self.buffer[self.count] = byte
            self.count += 1
        }
    }

    /// Marks a word boundary (whitespace, punctuation, symbols, emoji).
    @inline(__always)
    mutating func appendSeparator() {
        guard self.count > 0, !self.pendingSpace else { return }
        self.closeToken()
        self.pendingSpace = true
    }

    @inline(__always)
    private mutating func openTokenIfNeeded() {
        if self.pendingSpace {
            self.buffer[self.count] = 0x20
            self.count &+= 1
            self.tokenStart = self.count
            self.pendingSpace = false
            self.lastLetter = 0
        }
    }

    @inline(__always)
    private mutating func closeToken() {
        if self.count &- self.tokenStart == 1, self.buffer[self.tokenStart] &- 0x41 < 26 {
            self.singleLetterStreak &+= 1
            if self.singleLetterStreak >= 2 { self.needsJoin = true }
        } else {
            self.singleLetterStreak = 0
        }
    }

    /// Runs the second pass if needed and returns the final byte count and whether letters were squeezed.
    ///
    /// - Parameter runLimit: how many letters a run of three or more identical letters keeps (1 or 2).
    mutating func finish(runLimit: Int) -> (count: Int, squeezed: Bool) {
        if self.count > 0 { self.closeToken() }
        var length = self.count
        let text = UnsafeMutableBufferPointer(start: self.buffer, count: length)
        if self.needsJoin { length = SpacedLetters.join(text, count: length) }
        if self.needsSqueeze { length = LetterRuns.squeeze(text, count: length, runLimit: runLimit) }
        return (length, self.needsSqueeze)
    }
}
