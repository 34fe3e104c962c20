/// Squeezes stretched letters: "STOPPPP" → "STOP", "STOOOOP" → "STOP".
///
/// Only runs of three or more identical letters A–Z are touched; doubled letters are kept ("OOPS",
/// "ARRETT", "FREEHK"). The classifier first looks keywords up with runs squeezed to one letter and, when
/// that misses, with runs squeezed to two ("OOOOPS" → "OOPS").
enum LetterRuns {
    /// Rewrites `text[0..<count]` in place and returns the new length.
    static func squeeze(_ text: UnsafeMutableBufferPointer<UInt8>, count: Int, runLimit: Int) -> Int {
        var out = 0
        var index = 0
        while index < count {
            let byte = text[index]
            var end = index + 1
            if byte &- 0x41 < 26 {
                while end < count, text[end] == byte { end += 1 }
            }
            let length = end - index
            let keep = length >= 3 ? runLimit : length
            for _ in 0..<keep {
                text[out] = byte
                out += 1
            }
            index = end
        }
        return out
    }
}
