public import TocsinCore

/// The results a `(*MARK:n)` in the combined patterns stands for, one per tier that can reach it.
struct MarkedRule: Sendable {
    /// When the revocation pattern matched (opt-out, tier revocation).
    var revocation: Classification
    /// When the ambiguous pattern matched (review, tier ambiguous).
    var ambiguous: Classification
    /// When only the look-alike skeleton matched (review, tier ambiguous).
    var confusable: Classification
}

/// The results for one tier-1 keyword.
struct ExactRule: Sendable {
    /// When the normalised message is the keyword.
    var exact: Classification
    /// When only the look-alike skeleton is the keyword.
    var confusable: Classification
}

/// A word that introduces a campaign keyword ("JOIN RIGHTS").
struct JoinPrefix: Sendable {
    var bytes: [UInt8]
    var language: String
}
