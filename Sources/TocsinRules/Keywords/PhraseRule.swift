/// Where a phrase pattern must sit in the normalised message.
enum PhraseScope: String, Sendable, CaseIterable {
    /// The phrase is the whole message, apart from filler words around it ("please remove me thanks").
    case whole
    /// The message starts with the phrase, after optional filler ("Wrong number, I'm not John").
    case start
    /// The phrase may appear anywhere, between word boundaries ("… please stop texting me, I never …").
    case anywhere
}

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

/// The intents a keyword file may list under `keywords:`.
enum ParsedIntent: String, Sendable, CaseIterable {
    case optOut = "opt_out"
    case optIn = "opt_in"
    case help
    case confirm
    case undo
}

/// A word of the `per_se:` or `join_prefixes:` list, as written and normalised.
struct ListedWord: Sendable, Hashable {
    var written: String
    var normalized: String
    var line: Int?
}
