import Foundation
import TocsinCore
import TocsinRules

extension TocsinConfig {
    /// The legal opt-out deadline of each number's jurisdiction policy (10 business days in the US and
    /// Canada, 10 working days in Hong Kong, … with each policy's holidays); `optOutDeadline` (the
    /// configured business days) for erased numbers, whose jurisdiction is no longer known.
    public func policyDeadline(_ policies: PolicySet) -> OptOutDeadlineFunction {
        let fallback = self.optOutDeadline
        return { phone, receivedAt in
            guard let phone else { return fallback(nil, receivedAt) }
            return policies.optOutDeadline(phone: phone, receivedAt: receivedAt).dueAt
        }
    }

    /// Loads `paths.compliance` and returns ``policyDeadline(_:)`` over it (for the CLI).
    public func loadPolicyDeadline() throws -> OptOutDeadlineFunction {
        self.policyDeadline(try PolicyFiles.load(directory: self.complianceDirectory))
    }
}
