import Foundation
import TocsinCore

/// Counts a campaign's recipients per jurisdiction and language for launch checks, the same on every engine.
///
/// The jurisdiction is computed from each number (area code for NANP numbers, country otherwise); NANP
/// numbers of one area code share an answer, so a large campaign costs one lookup per area code.
public struct RecipientGroupTally {
    let policies: PolicySet
    var byAreaCode: [String: String] = [:]
    var counts: [String: Int] = [:]
    var keys: [String: (String, String?)] = [:]

    public init(policies: PolicySet) {
        self.policies = policies
    }

    /// Counts one recipient: its stored number and language.
    public mutating func add(phone: String, language: String?) {
        let jurisdiction: String
        let prefix = String(phone.prefix(5))
        if phone.hasPrefix("+1"), let known = self.byAreaCode[prefix] {
            jurisdiction = known
        } else {
            jurisdiction = PhoneNumber(stored: phone).map { self.policies.jurisdiction(of: $0).key } ?? Jurisdiction.defaultKey
            if phone.hasPrefix("+1") { self.byAreaCode[prefix] = jurisdiction }
        }
        let key = "\(jurisdiction)|\(language ?? "")"
        self.counts[key, default: 0] += 1
        self.keys[key] = (jurisdiction, language)
    }

    /// The groups counted so far, ordered by jurisdiction then language.
    public var groups: [LaunchCheck.RecipientGroup] {
        self.counts.keys.sorted().compactMap { key in
            self.keys[key].map { LaunchCheck.RecipientGroup(jurisdiction: $0.0, language: $0.1, count: self.counts[key] ?? 0) }
        }
    }
}
