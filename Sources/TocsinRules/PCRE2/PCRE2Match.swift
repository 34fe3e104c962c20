/// One match found by ``PCRE2Pattern/firstMatch(in:)``.
public struct PCRE2Match: Sendable, Hashable {
    /// The matched text.
    public let text: String
    /// Byte offsets of the match in the subject's UTF-8.
    public let utf8Range: Range<Int>
    /// The last `(*MARK:NAME)` passed on the matching path, if the pattern has marks.
    public let mark: String?
}
