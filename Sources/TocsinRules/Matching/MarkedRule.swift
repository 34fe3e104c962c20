/// What a `(*MARK:n)` in the combined patterns stands for: one rule per tier that can reach it, as
/// indexes into ``RuleEngine/rules``.
struct MarkedRule: Sendable {
    /// When the revocation pattern matched (opt-out, tier revocation).
    var revocation: Int32
    /// When the ambiguous pattern matched (review, tier ambiguous).
    var ambiguous: Int32
    /// When only the look-alike skeleton matched (review, tier ambiguous).
    var confusable: Int32
}

/// The rules for one tier-1 keyword, as indexes into ``RuleEngine/rules``.
struct ExactRule: Sendable {
    /// When the normalised message is the keyword.
    var exact: Int32
    /// When only the look-alike skeleton is the keyword.
    var confusable: Int32
}

/// What the classifier found, before it is turned into a ``Classification``: trivially copyable, so the
/// hot path does no reference counting.
enum RuleHit: Sendable, Equatable {
    /// A rule of the engine.
    case rule(Int32)
    /// A campaign keyword (entry of the index), after the join prefix with that index, or -1 for none.
    case campaign(entry: Int32, prefix: Int32)
    /// Nothing matched.
    case none
}
