import Foundation

extension CampaignValidation {
    static let callTargetNameLength = 1...100

    /// Applies `call_target_name` and `call_target_number`: both set (a name of 1–100 characters and an
    /// E.164 number), or both cleared with empty strings. A campaign with a target offers "press 1 to be
    /// connected to <name>" in its alert calls.
    static func applyCallTarget(_ draft: CampaignDraft, to campaign: inout Campaign, problems: inout [String]) {
        guard draft.callTargetName != nil || draft.callTargetNumber != nil else { return }
        var name = campaign.callTargetName
        var number = campaign.callTargetNumber
        if let text = draft.callTargetName {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                name = nil
            } else if let line = Self.line(trimmed, "call_target_name", Self.callTargetNameLength, &problems) {
                name = line
            }
        }
        if let text = draft.callTargetNumber {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                number = nil
            } else if let problem = Self.callTargetNumberProblem(trimmed) {
                problems.append(problem)
            } else {
                number = trimmed
            }
        }
        if (name == nil) != (number == nil) {
            problems.append(
                "call_target_name and call_target_number go together: set both (e.g. \"the Minister of Justice\" and \"+12025550143\") or clear both"
            )
            return
        }
        campaign.callTargetName = name
        campaign.callTargetNumber = number
    }

    /// Why `number` cannot be a patch-through target (nil when it can): it must be a valid E.164 number.
    public static func callTargetNumberProblem(_ number: String) -> String? {
        guard number.hasPrefix("+"), let parsed = PhoneNumber(e164: number), parsed.e164 == number else {
            return "call_target_number '\(number)' must be a phone number in E.164 form, e.g. +12025550143"
        }
        return nil
    }
}
