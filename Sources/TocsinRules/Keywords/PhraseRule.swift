/// One `revocation:` or `ambiguous:` entry of a keyword file.
struct PhraseRule: Sendable, Hashable {
    /// Stable identifier, `[a-z0-9_]+`, used in rule ids (`en.revocation.phrase:remove_me`).
    var id: String
    /// PCRE2 pattern over normalised text.
    var pattern: String
    /// Where it must match (ambiguous phrases are always `anywhere`).
    var scope: PhraseScope
    /// Line of the entry in its file.
    var line: Int?
}
