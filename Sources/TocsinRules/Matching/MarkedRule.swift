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
