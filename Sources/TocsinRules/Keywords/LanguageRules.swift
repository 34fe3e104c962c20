/// Everything one keyword file (`Keywords/<language>.yaml`) defines, after parsing and validation.
struct LanguageRules: Sendable {
    /// Language code, equal to the file's base name (`en`, `fr`, `es`, `zh`).
    var language: String
    /// Path of the file, as shown in issues.
    var file: String
    /// Whether replies must stay inside the GSM-7 alphabet.
    var replyEncoding: ReplyEncoding = .gsm7
    /// Tier-1 keywords.
    var keywords: [KeywordEntry] = []
    /// Words that introduce a campaign keyword ("JOIN RIGHTS").
    var joinPrefixes: [ListedWord] = []
    /// Opt-out words that are revocation on their own and trigger review inside other text.
    var perSe: [ListedWord] = []
    /// Words allowed around a per-se word or a `whole` phrase without changing its meaning.
    var filler: [ListedWord] = []
    /// Revocation phrases.
    var revocation: [PhraseRule] = []
    /// Phrases that send a message to human review.
    var ambiguous: [PhraseRule] = []
    /// Reply texts by key.
    var replies: [String: String] = [:]
}
