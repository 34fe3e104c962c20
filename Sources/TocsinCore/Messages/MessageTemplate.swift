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
