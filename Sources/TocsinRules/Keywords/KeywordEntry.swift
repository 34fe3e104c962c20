/// One keyword (tier 1) of a keyword file.
struct KeywordEntry: Sendable, Hashable {
    /// What the keyword means.
    var intent: ParsedIntent
    /// As written in the file.
    var written: String
    /// After ``TextNormalizer`` (the lookup key).
    var normalized: String
    /// Line in the file.
    var line: Int?
}
