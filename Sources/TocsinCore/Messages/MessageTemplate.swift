/// A message body with placeholders, checked once when it is created and rendered many times.
///
/// Syntax:
/// - `{name}` inserts a value. `name` must be one of the allowed placeholders (by default
///   ``standardPlaceholders``); names are case-sensitive and contain no spaces.
/// - `{name|text}` gives an inline default: `text` is used when no value is supplied. Everything after the
///   first `|` is the default, so it may contain `|` but no braces. `{name|}` renders nothing when the
///   value is missing.
/// - `{{` and `}}` are a literal `{` and `}`, anywhere outside a placeholder.
///
/// An unknown placeholder, an empty placeholder (`{}`, `{|x}`), an unclosed `{` or a lone `}` is an error
/// when the template is created; ``TemplateError`` gives the 1-based character position and what to fix.
///
/// When rendering, each placeholder takes the first of:
/// 1. the value passed to ``render(_:defaults:)``, unless it is empty or only whitespace;
/// 2. the template's inline default;
/// 3. the `defaults` passed to ``render(_:defaults:)`` (used as given, even when empty);
/// 4. ``standardDefaults`` (`{first_name}` → "friend");
/// 5. nothing (an empty string). ``unresolvedPlaceholders(_:defaults:)`` lists where that would happen.
///
/// ```swift
/// let template = try MessageTemplate("Hi {first_name|supporter}, act now: {action_link}")
/// template.render(["action_link": "https://ex.org/a"])   // "Hi supporter, act now: https://ex.org/a"
/// ```
///
/// Values are inserted verbatim: braces inside a value are not interpreted again.
public struct MessageTemplate: Sendable, Hashable {
    /// One piece of a parsed template.
    enum Part: Sendable, Hashable {
        case literal(String)
        case placeholder(name: String, inlineDefault: String?)
    }

    /// The placeholders every template may use.
    public static let standardPlaceholders: Set<String> = [
        "first_name", "action_link", "campaign", "program", "brand", "frequency", "support", "keyword",
    ]

    /// Built-in fallbacks used when neither the values, the template nor the caller give one.
    public static let standardDefaults: [String: String] = ["first_name": "friend"]

    /// The template source, exactly as given.
    public let text: String
    /// The placeholder names this template was checked against.
    public let allowedPlaceholders: Set<String>
    /// The distinct placeholder names used, in order of first appearance.
    public let placeholders: [String]
    /// The parsed template; rendering only concatenates these.
    let parts: [Part]

    /// Parses and checks `text`.
    ///
    /// - Parameters:
    ///   - text: The template source.
    ///   - allowedPlaceholders: The names that may appear between braces.
    /// - Throws: ``TemplateError`` for an unknown or empty placeholder, an unclosed `{` or a lone `}`.
    public init(
        _ text: String,
        allowedPlaceholders: Set<String> = MessageTemplate.standardPlaceholders
    ) throws(TemplateError) {
        self.text = text
        self.allowedPlaceholders = allowedPlaceholders
        self.parts = try Self.parse(text, allowed: allowedPlaceholders)
        var seen: Set<String> = []
        var names: [String] = []
        for case let .placeholder(name, _) in self.parts where seen.insert(name).inserted {
            names.append(name)
        }
        self.placeholders = names
    }

    /// Renders the template with `values`, falling back to defaults in the order described on the type.
    ///
    /// - Parameters:
    ///   - values: Values by placeholder name; empty or whitespace-only values count as missing.
    ///   - defaults: Caller-wide fallbacks (for example the organisation's `brand`), below inline defaults.
    /// - Returns: The message text. Rendering never fails.
    public func render(_ values: [String: String], defaults: [String: String] = [:]) -> String {
        var output = ""
        output.reserveCapacity(self.text.utf8.count + 64)
        for part in self.parts {
            switch part {
            case .literal(let literal):
                output += literal
            case .placeholder(let name, let inlineDefault):
                output += Self.resolve(name, inlineDefault, values, defaults) ?? ""
            }
        }
        return output
    }

    /// The placeholders that would render as nothing because no value or default of any kind exists.
    ///
    /// A placeholder with an explicit empty default (`{name|}`, or `""` in `defaults`) is not listed.
    /// Use this to refuse sending a compliance message whose `{brand}` or `{support}` would be blank.
    public func unresolvedPlaceholders(_ values: [String: String], defaults: [String: String] = [:]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for case let .placeholder(name, inlineDefault) in self.parts
        where Self.resolve(name, inlineDefault, values, defaults) == nil && seen.insert(name).inserted {
            result.append(name)
        }
        return result
    }

    private static func resolve(
        _ name: String,
        _ inlineDefault: String?,
        _ values: [String: String],
        _ defaults: [String: String]
    ) -> String? {
        if let value = values[name], value.contains(where: { !$0.isWhitespace }) {
            return value
        }
        return inlineDefault ?? defaults[name] ?? Self.standardDefaults[name]
    }
}

// MARK: - Parsing

extension MessageTemplate {
    /// Splits `text` into literal and placeholder parts, checking every brace.
    static func parse(_ text: String, allowed: Set<String>) throws(TemplateError) -> [Part] {
        let characters = Array(text)
        var parts: [Part] = []
        var literal = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "{" where next == "{", "}" where next == "}":
                literal.append(character)
                index += 2
            case "}":
                throw .unmatchedClosingBrace(at: index + 1)
            case "{":
                let open = index
                var body = ""
                index += 1
                while index < characters.count, characters[index] != "}" {
                    if characters[index] == "{" {
                        throw .unterminatedPlaceholder(at: open + 1, nextBraceAt: index + 1)
                    }
                    body.append(characters[index])
                    index += 1
                }
                guard index < characters.count else {
                    throw .unterminatedPlaceholder(at: open + 1, nextBraceAt: nil)
                }
                index += 1  // past "}"
                let placeholder = try Self.placeholder(body, at: open + 1, allowed: allowed)
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                parts.append(placeholder)
            default:
                literal.append(character)
                index += 1
            }
        }
        if !literal.isEmpty {
            parts.append(.literal(literal))
        }
        return parts
    }

    /// Checks the text between one pair of braces.
    private static func placeholder(_ body: String, at position: Int, allowed: Set<String>) throws(TemplateError) -> Part {
        let name: String
        let inlineDefault: String?
        if let bar = body.firstIndex(of: "|") {
            name = String(body[..<bar])
            inlineDefault = String(body[body.index(after: bar)...])
        } else {
            name = body
            inlineDefault = nil
        }
        guard !name.isEmpty else {
            throw .emptyPlaceholder(at: position, source: "{\(body)}")
        }
        guard allowed.contains(name) else {
            throw .unknownPlaceholder(name, at: position, allowed: allowed)
        }
        return .placeholder(name: name, inlineDefault: inlineDefault)
    }
}

// MARK: - Codable

extension MessageTemplate: Codable {
    private enum CodingKeys: String, CodingKey {
        case text
        case allowedPlaceholders
    }

    /// Decodes `{"text": …, "allowedPlaceholders": [...]}`; the list is optional and defaults to
    /// ``standardPlaceholders``. The text is checked as in ``init(_:allowedPlaceholders:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .text)
        let allowed = try container.decodeIfPresent([String].self, forKey: .allowedPlaceholders)
        do {
            try self.init(text, allowedPlaceholders: allowed.map(Set.init) ?? Self.standardPlaceholders)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .text, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the source text and the sorted allowed placeholders.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.text, forKey: .text)
        try container.encode(self.allowedPlaceholders.sorted(), forKey: .allowedPlaceholders)
    }
}

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
