/// Where a phrase pattern must sit in the normalised message.
enum PhraseScope: String, Sendable, CaseIterable {
    /// The phrase is the whole message, apart from filler words around it ("please remove me thanks").
    case whole
    /// The message starts with the phrase, after optional filler ("Wrong number, I'm not John").
    case start
    /// The phrase may appear anywhere, between word boundaries ("… please stop texting me, I never …").
    case anywhere
}
