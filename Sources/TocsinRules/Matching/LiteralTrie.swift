/// Turns a list of literals into a prefix-factored PCRE2 alternation.
///
/// PCRE2 tries the branches of an alternation one after another, so `(?:please|pls|plz|…)` with a hundred
/// branches costs a hundred comparisons at every position. Factored as `(?:P(?:L(?:EASE|S|Z))|…)`, a
/// mismatch costs one comparison per distinct first letter. Longer literals come before their prefixes,
/// so the longest one wins, as in the unfactored form sorted by length.
enum LiteralTrie {
    private final class Node {
        var children: [(Unicode.Scalar, Node)] = []
        var terminal: String?

        func child(_ scalar: Unicode.Scalar) -> Node {
            if let existing = self.children.first(where: { $0.0 == scalar }) { return existing.1 }
            let node = Node()
            self.children.append((scalar, node))
            return node
        }
    }

    /// The alternation for `literals`; each literal's `suffix` (e.g. a `(*MARK:n)`) follows it. Of two
    /// identical literals the first suffix is kept. Empty input gives `(*FAIL)`.
    static func alternation(_ literals: [(literal: String, suffix: String)]) -> String {
        let root = Node()
        for (literal, suffix) in literals where !literal.isEmpty {
            var node = root
            for scalar in literal.unicodeScalars { node = node.child(scalar) }
            if node.terminal == nil { node.terminal = suffix }
        }
        guard !root.children.isEmpty else { return "(*FAIL)" }
        return Self.emit(root)
    }

    private static func emit(_ node: Node) -> String {
        var branches = node.children.sorted { $0.0.value < $1.0.value }.map { Self.escape($0.0) + Self.emit($0.1) }
        if let terminal = node.terminal { branches.append(terminal) }
        if branches.count == 1 { return branches[0] }
        return "(?:" + branches.joined(separator: "|") + ")"
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\^$.|?*+()[]{}#-/".unicodeScalars.contains(scalar) ? "\\" + String(scalar) : String(scalar)
    }
}
