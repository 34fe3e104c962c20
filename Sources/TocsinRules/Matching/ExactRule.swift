/// The rules for one tier-1 keyword, as indexes into ``RuleEngine/rules``.
struct ExactRule: Sendable {
    /// When the normalised message is the keyword.
    var exact: Int32
    /// When only the look-alike skeleton is the keyword.
    var confusable: Int32
}
