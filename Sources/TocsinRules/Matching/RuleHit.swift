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
