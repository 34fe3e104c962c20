/// Joins spelled-out words: "S T O P" → "STOP".
///
/// A run of single Latin letters separated by spaces is joined when it has at least three letters, or when
/// the whole message is such a run of at least two ("T D" → "TD"). Two single letters inside a longer
/// message are left alone ("plan B A" stays), because that is usually ordinary text.
enum SpacedLetters {
    /// Rewrites `text[0..<count]` in place and returns the new length.
    static func join(_ text: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Int {
        var tokens: [(start: Int, end: Int)] = []
        var start = 0
        for index in 0...count where index == count || text[index] == 0x20 {
            tokens.append((start, index))
            start = index + 1
        }
        let isSingle = tokens.map { $0.end - $0.start == 1 && text[$0.start] &- 0x41 < 26 }
        var joinWithPrevious = [Bool](repeating: false, count: tokens.count)
        let wholeMessage = tokens.count >= 2 && isSingle.allSatisfy { $0 }
        var runStart = 0
        for index in 0...tokens.count {
            if index < tokens.count, isSingle[index] { continue }
            let runLength = index - runStart
            if runLength >= 3 || (wholeMessage && runLength >= 2) {
                for member in (runStart + 1)..<index { joinWithPrevious[member] = true }
            }
            runStart = index + 1
        }
        var out = 0
        for (index, token) in tokens.enumerated() {
            if index > 0, !joinWithPrevious[index] {
                text[out] = 0x20
                out += 1
            }
            for position in token.start..<token.end {
                text[out] = text[position]
                out += 1
            }
        }
        return out
    }
}
