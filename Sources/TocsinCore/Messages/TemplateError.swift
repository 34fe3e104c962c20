import Foundation

// MARK: - TemplateError

/// Why a ``MessageTemplate`` could not be created.
///
/// Compare with ``code``, or read ``description`` for a message that says where and what to fix:
/// ```swift
/// catch let error as TemplateError where error.code == .unknownPlaceholder { print(error) }
/// ```
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of mistake. New kinds may be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: String, Hashable, Sendable {
            case unterminatedPlaceholder = "unterminated_placeholder"
            case unmatchedClosingBrace = "unmatched_closing_brace"
            case emptyPlaceholder = "empty_placeholder"
            case unknownPlaceholder = "unknown_placeholder"
        }
        private let value: Value

        /// A `{` with no `}` before the end of the text or before the next `{`.
        public static let unterminatedPlaceholder = Code(value: .unterminatedPlaceholder)
        /// A single `}` outside any placeholder.
        public static let unmatchedClosingBrace = Code(value: .unmatchedClosingBrace)
        /// `{}` or a placeholder with only an inline default, such as `{|friend}`.
        public static let emptyPlaceholder = Code(value: .emptyPlaceholder)
        /// A name that is not in the allowed placeholders.
        public static let unknownPlaceholder = Code(value: .unknownPlaceholder)

        /// A stable snake_case name, for JSON output and logs.
        public var description: String { self.value.rawValue }
    }

    /// The kind of mistake.
    public let code: Code
    /// The 1-based position, in characters, of the brace to fix (the opening `{` for placeholder errors).
    public let position: Int
    /// The offending name for ``Code/unknownPlaceholder``; otherwise `nil`.
    public let placeholder: String?
    /// A message that says where the mistake is and how to fix it.
    public let description: String

    static func unterminatedPlaceholder(at position: Int, nextBraceAt next: Int?) -> Self {
        let problem =
            if let next {
                "the placeholder opened here is not closed before the '{' at character \(next)"
                    + " (braces are not allowed inside a placeholder or its default)"
            } else {
                "the placeholder opened here is never closed"
            }
        return Self(
            code: .unterminatedPlaceholder,
            position: position,
            placeholder: nil,
            description: "Template error at character \(position): \(problem). "
                + "Add '}' after the placeholder name, or write '{{' for a literal '{'."
        )
    }

    static func unmatchedClosingBrace(at position: Int) -> Self {
        Self(
            code: .unmatchedClosingBrace,
            position: position,
            placeholder: nil,
            description: "Template error at character \(position): '}' has no matching '{'. "
                + "Write '}}' for a literal '}', or add the missing '{' before the placeholder name."
        )
    }

    static func emptyPlaceholder(at position: Int, source: String) -> Self {
        Self(
            code: .emptyPlaceholder,
            position: position,
            placeholder: nil,
            description: "Template error at character \(position): the placeholder \(source) has no name. "
                + "Put a name inside, such as {first_name}, or write '{{' and '}}' for literal braces."
        )
    }

    static func unknownPlaceholder(_ name: String, at position: Int, allowed: Set<String>) -> Self {
        var message = "Template error at character \(position): unknown placeholder {\(name)}."
        if let suggestion = Self.suggestion(for: name, among: allowed) {
            message += " Did you mean {\(suggestion)}?"
        }
        let list = allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
        message += allowed.isEmpty ? " No placeholders are allowed here." : " Allowed placeholders: \(list)."
        message += " Write '{{' and '}}' for literal braces."
        return Self(code: .unknownPlaceholder, position: position, placeholder: name, description: message)
    }

    /// The allowed name closest to `name`: same letters ignoring case and spaces, else within 2 edits.
    private static func suggestion(for name: String, among allowed: Set<String>) -> String? {
        let folded = name.filter { !$0.isWhitespace }.lowercased()
        if let exact = allowed.sorted().first(where: { $0.lowercased() == folded }) {
            return exact
        }
        let scored = allowed.map { (name: $0, distance: Self.editDistance(folded, $0.lowercased())) }
        return scored.filter { $0.distance <= 2 }
            .min { ($0.distance, $0.name) < ($1.distance, $1.name) }?
            .name
    }

    /// Levenshtein distance between two short strings.
    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
