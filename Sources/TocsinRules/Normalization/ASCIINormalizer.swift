/// The ASCII fast path: normalises plain-ASCII text byte by byte, with no Foundation call and no allocation.
///
/// It runs in two steps so that keywords cost as little as possible: ``fold(_:into:)`` uppercases and
/// collapses word breaks in one tight loop; ``finish(_:_:runLimit:)`` then joins spelled-out letters
/// and squeezes stretched letters. A normalised keyword never contains either, so a text that is a
/// keyword after the first step is one after the second, and the classifier looks keywords up in between.
enum ASCIINormalizer {
    /// Whether every byte is below 0x80 (checked eight bytes at a time).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index &+ 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index &+= 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index &+= 1
        }
        return true
    }

    /// Normalises ASCII `source` into `destination` (at least `source.count` bytes): both steps.
    @inline(__always)
    static func normalize(
        _ source: UnsafeBufferPointer<UInt8>,
        into destination: UnsafeMutablePointer<UInt8>,
        runLimit: Int
    ) -> (count: Int, squeezed: Bool) {
        let folded = Self.fold(source, into: destination)
        return Self.finish(destination, folded, runLimit: runLimit)
    }

    /// What ``fold(_:into:)`` produced: the byte count, and whether step 2 has anything to do.
    struct Folded {
        var count: Int
        /// Two single-letter words in a row ("S T").
        var needsJoin: Bool
        /// A run of three identical letters ("PPP").
        var needsSqueeze: Bool
    }

    /// Step 1: letters uppercased, digits kept, apostrophes and backquotes deleted ("don't" → "DONT"),
    /// everything else (spaces, punctuation, symbols, control characters) a single space between words.
    @inline(__always)
    static func fold(_ source: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>) -> Folded {
        var count = 0
        var pendingSpace = false
        var tokenStart = 0
        var singles = 0  // single-letter words in a row, the current one included when it has one letter
        var previous: UInt8 = 0
        var run = 0
        var needsSqueeze = false
        var needsJoin = false
        for byte in source {
            let output: UInt8
            if (byte | 0x20) &- 0x61 < 26 {
                output = byte & 0xDF
            } else if byte &- 0x30 < 10 {
                output = byte
            } else {
                if byte != 0x27 && byte != 0x60 { pendingSpace = count > 0 }
                continue
            }
            if pendingSpace {
                // The word that just ended: a single letter continues the streak.
                singles = count &- tokenStart == 1 && previous &- 0x41 < 26 ? singles &+ 1 : 0
                destination[count] = 0x20
                count &+= 1
                tokenStart = count
                pendingSpace = false
                previous = 0x20
            }
            run = output == previous ? run &+ 1 : 1
            if run == 3, output &- 0x41 < 26 { needsSqueeze = true }
            previous = output
            destination[count] = output
            count &+= 1
        }
        if singles >= 2 || (singles >= 1 && count &- tokenStart == 1 && previous &- 0x41 < 26) { needsJoin = true }
        return Folded(count: count, needsJoin: needsJoin, needsSqueeze: needsSqueeze)
    }

    /// Step 2 on folded text: joins spelled-out letters ("S T O P") and squeezes runs of three or more
    /// identical letters to `runLimit` (1 or 2). Returns the new count and whether letters were squeezed.
    @inline(__always)
    static func finish(_ text: UnsafeMutablePointer<UInt8>, _ folded: Folded, runLimit: Int) -> (count: Int, squeezed: Bool) {
        guard folded.needsJoin || folded.needsSqueeze else { return (folded.count, false) }
        var length = folded.count
        let buffer = UnsafeMutableBufferPointer(start: text, count: folded.count)
        if folded.needsJoin { length = SpacedLetters.join(buffer, count: length) }
        if folded.needsSqueeze { length = LetterRuns.squeeze(buffer, count: length, runLimit: runLimit) }
        return (length, folded.needsSqueeze)
    }
}
