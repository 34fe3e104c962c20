/// Normalises inbound text for keyword matching.
///
/// The rules, in order:
/// 1. Compatibility-decompose (NFKD): full-width and other compatibility forms become plain letters and
///    digits; accents are split off and dropped with every other combining mark.
/// 2. Drop zero-width and other format or default-ignorable characters (U+200B–U+200F, U+2060, U+FEFF,
///    variation selectors, …) without splitting the word they sit in: "S\u{200B}TOP" → "STOP".
/// 3. Delete apostrophes inside words ("don't" → "DONT", "m'envoyez" → "MENVOYEZ").
/// 4. Uppercase letters; keep digits; turn everything else (whitespace, punctuation, symbols, emoji) into
///    a word break, collapse breaks to one space and trim them at both ends.
/// 5. Join spelled-out words: a run of three or more single letters ("S T O P", "s.t.o.p") or a whole
///    message of two or more ("T D") becomes one word.
/// 6. Squeeze runs of three or more identical letters A–Z to one ("STOPPPP" → "STOP"); doubled letters
///    stay ("OOPS"). ``NormalizedText/alternative`` squeezes them to two instead.
///
/// Plain-ASCII text takes a byte-level fast path with no Foundation call; other text goes through
/// Foundation's NFKD (about 2 µs).
public enum TextNormalizer {
    /// Normalises `text`.
    public static func normalize(_ text: String) -> NormalizedText {
        var text = text
        let isASCII = text.withUTF8 { ASCIINormalizer.isASCII($0) }
        if isASCII {
            let primary = Self.normalizeASCII(text, runLimit: 1)
            let alternative = primary.squeezed ? Self.normalizeASCII(text, runLimit: 2).text : nil
            return NormalizedText(
                text: primary.text, isASCII: true, squeezedRuns: primary.squeezed, alternative: alternative,
                skeleton: nil)
        }
        let primary = UnicodeNormalizer.normalize(text, runLimit: 1)
        let alternative = primary.squeezed ? UnicodeNormalizer.normalize(text, runLimit: 2).bytes : nil
        return NormalizedText(
            text: String(decoding: primary.bytes, as: UTF8.self), isASCII: false, squeezedRuns: primary.squeezed,
            alternative: alternative.map { String(decoding: $0, as: UTF8.self) },
            skeleton: primary.skeleton.map { String(decoding: $0, as: UTF8.self) })
    }

    private static func normalizeASCII(_ text: String, runLimit: Int) -> (text: String, squeezed: Bool) {
        var text = text
        return text.withUTF8 { source in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: source.count + 1) { buffer in
                let result = ASCIINormalizer.normalize(source, into: buffer.baseAddress!, runLimit: runLimit)
                let bytes = UnsafeBufferPointer(rebasing: buffer[0..<result.count])
                return (String(decoding: bytes, as: UTF8.self), result.squeezed)
            }
        }
    }
}
