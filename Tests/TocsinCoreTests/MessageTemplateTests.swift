import Foundation
import Testing
import TocsinCore

struct MessageTemplateTests {
    /// Returns the error `text` fails with, or nil if it parses.
    private static func parseError(_ text: String, allowed: Set<String> = MessageTemplate.standardPlaceholders) -> TemplateError? {
        do {
            _ = try MessageTemplate(text, allowedPlaceholders: allowed)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Rendering

    @Test func standardPlaceholders() {
        #expect(
            MessageTemplate.standardPlaceholders
                == ["first_name", "action_link", "campaign", "program", "brand", "frequency", "support", "keyword"]
        )
    }

    @Test func rendersValues() throws {
        let template = try MessageTemplate("Hi {first_name}, {brand} needs you: {action_link}. Reply STOP to opt out.")
        let text = template.render(["first_name": "Ana", "brand": "Rights Watch", "action_link": "https://ex.org/a"])
        #expect(text == "Hi Ana, Rights Watch needs you: https://ex.org/a. Reply STOP to opt out.")
    }

    @Test func placeholdersAreDistinctInOrderOfFirstAppearance() throws {
        let template = try MessageTemplate("{brand}: {campaign} {brand} {keyword} {campaign|x}")
        #expect(template.placeholders == ["brand", "campaign", "keyword"])
        #expect(try MessageTemplate("No placeholders at all").placeholders.isEmpty)
    }

    @Test func textWithoutPlaceholdersRendersUnchanged() throws {
        let text = "Reply STOP to quit, HELP for help. Msg&data rates may apply."
        #expect(try MessageTemplate(text).render([:]) == text)
        #expect(try MessageTemplate("").render(["brand": "x"]) == "")
    }

    @Test func firstNameFallsBackToFriend() throws {
        let template = try MessageTemplate("Hi {first_name}!")
        #expect(template.render([:]) == "Hi friend!")
        #expect(template.render(["first_name": ""]) == "Hi friend!")
        #expect(template.render(["first_name": "  \n"]) == "Hi friend!")
        #expect(template.render(["first_name": " Ana"]) == "Hi  Ana!", "non-blank values are inserted verbatim")
    }

    @Test func defaultPrecedence() throws {
        let inline = try MessageTemplate("Hi {first_name|supporter}")
        #expect(inline.render([:]) == "Hi supporter")
        #expect(inline.render([:], defaults: ["first_name": "comrade"]) == "Hi supporter", "inline beats caller")
        #expect(inline.render(["first_name": "Ana"], defaults: ["first_name": "comrade"]) == "Hi Ana")

        let plain = try MessageTemplate("Hi {first_name} from {brand}")
        #expect(plain.render([:], defaults: ["first_name": "comrade", "brand": "RW"]) == "Hi comrade from RW")
        #expect(plain.render([:], defaults: ["first_name": ""]) == "Hi  from ", "caller defaults are used as given")
        #expect(plain.render([:]) == "Hi friend from ", "no default for brand renders nothing")
    }

    @Test func inlineDefaults() throws {
        #expect(try MessageTemplate("[{first_name|}]").render([:]) == "[]")
        #expect(try MessageTemplate("{brand|A|B}").render([:]) == "A|B", "everything after the first | is the default")
        #expect(try MessageTemplate("{support|call our free line}").render([:]) == "call our free line")
        #expect(try MessageTemplate("{support|  }").render([:]) == "  ")
    }

    @Test func escapedBraces() throws {
        #expect(try MessageTemplate("{{literal}} {first_name}").render(["first_name": "Ana"]) == "{literal} Ana")
        #expect(try MessageTemplate("{{{first_name}}}").render(["first_name": "Ana"]) == "{Ana}")
        #expect(try MessageTemplate("}}{{").render([:]) == "}{")
        #expect(try MessageTemplate("{{first_name}}").placeholders.isEmpty)
    }

    @Test func valuesAreNotReinterpreted() throws {
        let template = try MessageTemplate("{first_name} / {brand}")
        #expect(template.render(["first_name": "{brand}", "brand": "}}{{"]) == "{brand} / }}{{")
    }

    @Test func callersCanExtendThePlaceholders() throws {
        let allowed = MessageTemplate.standardPlaceholders.union(["petition_id"])
        let template = try MessageTemplate("Sign {petition_id} for {campaign}", allowedPlaceholders: allowed)
        #expect(template.render(["petition_id": "P-9", "campaign": "Free Speech"]) == "Sign P-9 for Free Speech")
        #expect(Self.parseError("Sign {petition_id}")?.code == .unknownPlaceholder)
    }

    @Test func unresolvedPlaceholders() throws {
        let template = try MessageTemplate("{first_name}: {brand} {support|0800} {program|} {brand} {keyword}")
        #expect(template.unresolvedPlaceholders([:]) == ["brand", "keyword"])
        #expect(template.unresolvedPlaceholders(["brand": " "], defaults: ["keyword": ""]) == ["brand"])
        #expect(template.unresolvedPlaceholders(["brand": "RW", "keyword": "JOIN"]).isEmpty)
    }

    // MARK: - Errors

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let template: String
        let code: TemplateError.Code
        let position: Int
        let placeholder: String?
        let mentions: [String]
    }

    static let errorCases: [ErrorCase] = [
        .init(
            testDescription: "unclosed at end", template: "Hi {first_name", code: .unterminatedPlaceholder,
            position: 4, placeholder: nil, mentions: ["character 4", "never closed", "Add '}'", "'{{'"]
        ),
        .init(
            testDescription: "unclosed before the next placeholder", template: "Hi {first_name, see {brand}",
            code: .unterminatedPlaceholder, position: 4, placeholder: nil, mentions: ["character 4", "character 21"]
        ),
        .init(
            testDescription: "brace inside an inline default", template: "{brand|a {b} c}",
            code: .unterminatedPlaceholder, position: 1, placeholder: nil, mentions: ["character 10", "not allowed inside"]
        ),
        .init(
            testDescription: "lone closing brace", template: "Done }", code: .unmatchedClosingBrace,
            position: 6, placeholder: nil, mentions: ["character 6", "'}}'"]
        ),
        .init(
            testDescription: "escaped open, single close", template: "{{first_name}", code: .unmatchedClosingBrace,
            position: 13, placeholder: nil, mentions: ["character 13"]
        ),
        .init(
            testDescription: "empty braces", template: "Hi {}", code: .emptyPlaceholder,
            position: 4, placeholder: nil, mentions: ["character 4", "{}", "has no name", "{first_name}"]
        ),
        .init(
            testDescription: "default without a name", template: "Hi {|friend}", code: .emptyPlaceholder,
            position: 4, placeholder: nil, mentions: ["{|friend}"]
        ),
        .init(
            testDescription: "misspelt name", template: "Hi {frist_name}", code: .unknownPlaceholder,
            position: 4, placeholder: "frist_name",
            mentions: ["unknown placeholder {frist_name}", "Did you mean {first_name}?", "{action_link}, {brand}"]
        ),
        .init(
            testDescription: "spaces around the name", template: "{ first_name }", code: .unknownPlaceholder,
            position: 1, placeholder: " first_name ", mentions: ["Did you mean {first_name}?"]
        ),
        .init(
            testDescription: "wrong case", template: "{Brand}", code: .unknownPlaceholder,
            position: 1, placeholder: "Brand", mentions: ["Did you mean {brand}?"]
        ),
        .init(
            testDescription: "nothing close", template: "x {petition}", code: .unknownPlaceholder,
            position: 3, placeholder: "petition", mentions: ["Allowed placeholders:"]
        ),
        .init(
            testDescription: "position counts user-perceived characters", template: "¡Hola 👋🏽 {nombre}",
            code: .unknownPlaceholder, position: 9, placeholder: "nombre", mentions: ["character 9"]
        ),
    ]

    @Test(arguments: errorCases)
    func parseErrors(_ c: ErrorCase) {
        let error = Self.parseError(c.template)
        #expect(error?.code == c.code)
        #expect(error?.position == c.position)
        #expect(error?.placeholder == c.placeholder)
        for fragment in c.mentions {
            #expect(error?.description.contains(fragment) == true, "\(error?.description ?? "no error") lacks \(fragment)")
        }
    }

    @Test func noSuggestionWhenNothingIsClose() {
        let error = Self.parseError("{xyzzy}")
        #expect(error?.code == .unknownPlaceholder)
        #expect(error?.description.contains("Did you mean") == false)
    }

    @Test func emptyAllowedSetRejectsEveryPlaceholder() {
        let error = Self.parseError("{brand}", allowed: [])
        #expect(error?.code == .unknownPlaceholder)
        #expect(error?.description.contains("No placeholders are allowed here.") == true)
        #expect(Self.parseError("plain {{text}}", allowed: []) == nil)
    }

    @Test func errorCodesHaveStableNames() {
        let codes: [TemplateError.Code] = [
            .unterminatedPlaceholder, .unmatchedClosingBrace, .emptyPlaceholder, .unknownPlaceholder,
        ]
        #expect(codes.map(\.description)
            == ["unterminated_placeholder", "unmatched_closing_brace", "empty_placeholder", "unknown_placeholder"])
    }

    // MARK: - Codable and equality

    @Test func codableRoundTrip() throws {
        let allowed = MessageTemplate.standardPlaceholders.union(["petition_id"])
        let template = try MessageTemplate("{petition_id|P} {{x}} {first_name|you}", allowedPlaceholders: allowed)
        let data = try JSONEncoder().encode(template)
        let decoded = try JSONDecoder().decode(MessageTemplate.self, from: data)
        #expect(decoded == template)
        #expect(decoded.render([:]) == "P {x} you")
    }

    @Test func decodingChecksTheTemplate() throws {
        let plain = try JSONDecoder().decode(MessageTemplate.self, from: Data(#"{"text":"Hi {first_name}"}"#.utf8))
        #expect(plain.allowedPlaceholders == MessageTemplate.standardPlaceholders)
        #expect(plain.render([:]) == "Hi friend")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(MessageTemplate.self, from: Data(#"{"text":"Hi {frist_name}"}"#.utf8))
        }
    }

    @Test func equalityFollowsTextAndAllowedSet() throws {
        #expect(try MessageTemplate("{brand}") == MessageTemplate("{brand}"))
        #expect(try MessageTemplate("{brand}") != MessageTemplate("{brand} "))
        let wider = try MessageTemplate("{brand}", allowedPlaceholders: ["brand", "x"])
        #expect(try MessageTemplate("{brand}") != wider)
    }
}
