extension PCRE2Pattern {
    /// Whether the pattern matches anywhere in `text` (unless the pattern itself is anchored).
    public func matches(_ text: String) -> Bool {
        self.firstMatch(in: text) != nil
    }

    /// The first match in `text`, or nil. A match that hits the match limit counts as no match here;
    /// use the internal byte API where that must be told apart.
    public func firstMatch(in text: String) -> PCRE2Match? {
        var text = text
        return text.withUTF8 { bytes in
            let scratch = PCRE2MatchScratch()
            guard self.run(bytes, scratch: scratch) > 0 else { return nil }
            let range = scratch.matchRange
            let matched = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            return PCRE2Match(text: matched, utf8Range: range, mark: scratch.mark.map { String(cString: $0) })
        }
    }
}
