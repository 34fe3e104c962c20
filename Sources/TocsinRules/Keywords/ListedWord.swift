/// A word of the `per_se:` or `join_prefixes:` list, as written and normalised.
struct ListedWord: Sendable, Hashable {
    var written: String
    var normalized: String
    var line: Int?
}
