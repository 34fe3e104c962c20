/// A message as the classifier sees it. Used for matching only; callers keep the raw text.
public struct NormalizedText: Sendable, Hashable {
    /// The normalised text: uppercase, no accents, words separated by single spaces, no punctuation or
    /// emoji, spelled-out letters joined and stretched letters squeezed to one.
    public let text: String
    /// Whether the raw text was plain ASCII (normalised without Foundation).
    public let isASCII: Bool
    /// Whether a run of three or more identical letters was squeezed ("STOPPPP" → "STOP").
    public let squeezedRuns: Bool
    /// When runs were squeezed: the same text with those runs squeezed to two letters ("OOOOPS" → "OOPS").
    public let alternative: String?
    /// When the text contains letters from other scripts that look like Latin letters (Cyrillic "О",
    /// Greek "Τ", …): the text with those letters replaced by the Latin letters they imitate.
    public let skeleton: String?

    /// Whether the text contains look-alike letters from another script.
    public var hasConfusables: Bool { self.skeleton != nil }

    /// Creates a value (normally made by ``TextNormalizer/normalize(_:)``).
    public init(text: String, isASCII: Bool, squeezedRuns: Bool, alternative: String?, skeleton: String?) {
        self.text = text
        self.isASCII = isASCII
        self.squeezedRuns = squeezedRuns
        self.alternative = alternative
        self.skeleton = skeleton
    }
}
