import Foundation

extension CampaignDraft {
    /// The JSON field names a campaign body may contain.
    public static let jsonFields = [
        "slug", "program_name", "description", "category", "purpose", "frequency", "languages", "jurisdiction",
        "action_link", "keywords", "call_target_name", "call_target_number",
    ]

    /// Reads a campaign body: a JSON object with the snake_case fields of ``jsonFields``.
    ///
    /// `null` for `action_link`, `call_target_name` or `call_target_number` clears it (as an empty string does); `null` for any other field counts as
    /// absent. Unknown fields are refused so a typo never goes unnoticed.
    ///
    /// - Throws: ``CampaignValidationError`` `malformed` when the body is not a JSON object, `invalid` for a
    ///   field of the wrong type or an unknown field.
    public init(json data: Data) throws(CampaignValidationError) {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CampaignValidationError(malformed: "body must be a JSON object of campaign fields")
            }
            object = parsed
        } catch let error as CampaignValidationError {
            throw error
        } catch {
            throw CampaignValidationError(malformed: "body is not valid JSON; send a JSON object of campaign fields")
        }
        var problems: [String] = []
        let unknown = object.keys.filter { !Self.jsonFields.contains($0) }.sorted()
        if !unknown.isEmpty {
            problems.append(
                "unknown field\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", ")); campaign fields are \(Self.jsonFields.joined(separator: ", "))"
            )
        }
        func string(_ key: String) -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else {
                problems.append("\(key) must be a string")
                return nil
            }
            return text
        }
        func strings(_ key: String) -> [String]? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let items = value as? [Any], let texts = items as? [String], items.allSatisfy({ $0 is String }) else {
                problems.append("\(key) must be an array of strings, e.g. [\"\(key == "languages" ? "en" : "RIGHTS")\"]")
                return nil
            }
            return texts
        }
        self.init(
            slug: string("slug"), programName: string("program_name"), description: string("description"),
            category: string("category"), purpose: string("purpose"), frequency: string("frequency"),
            languages: strings("languages"), jurisdiction: string("jurisdiction"),
            actionLink: object["action_link"] is NSNull ? "" : string("action_link"), keywords: strings("keywords"),
            callTargetName: object["call_target_name"] is NSNull ? "" : string("call_target_name"),
            callTargetNumber: object["call_target_number"] is NSNull ? "" : string("call_target_number")
        )
        if !problems.isEmpty { throw CampaignValidationError(problems) }
    }
}
