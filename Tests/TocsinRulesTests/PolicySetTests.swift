import Foundation
import Testing
import TocsinCore
import TocsinRules

/// Where a number belongs: the jurisdiction chain of the repository's policies.
struct PolicySetTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let number: String
        let key: String
        var testDescription: String { "\(self.number) → \(self.key)" }
    }

    static let cases: [Case] = [
        Case(number: "+13055550123", key: "us-fl"),  // Miami
        Case(number: "+14055550123", key: "us-ok"),  // Oklahoma City
        Case(number: "+14105550123", key: "us-md"),  // Baltimore
        Case(number: "+12125550123", key: "us-ny"),  // New York
        Case(number: "+14155550123", key: "us"),  // San Francisco: no California overlay
        Case(number: "+17875550123", key: "us"),  // Puerto Rico
        Case(number: "+15145550123", key: "ca"),  // Montréal, CA-QC
        Case(number: "+14165550123", key: "ca"),  // Toronto
        Case(number: "+19025550123", key: "ca"),  // NS and PE share 902: the country policy
        Case(number: "+85291234567", key: "hk"),
        Case(number: "+442079460123", key: "uk"),
        Case(number: "+447911123456", key: "uk"),
        Case(number: "+33612345678", key: "default"),  // France: no policy file
        Case(number: "+18005550123", key: "default"),  // toll-free, non-geographic
        Case(number: "+18765550123", key: "default"),  // Jamaica
    ]

    @Test(arguments: cases)
    func numbersMapToTheirPolicy(_ testCase: Case) {
        let phone = SharedPolicies.phone(testCase.number)
        #expect(SharedPolicies.set.jurisdiction(of: phone).key == testCase.key)
    }

    @Test func overlaysCarryTheirParentsRules() {
        let florida = SharedPolicies.set.policy(for: "us-fl")
        let ids = Set(florida.windows.map(\.citation.id))
        #expect(ids == ["us-tcpa-calling-hours", "us-nonprofit-advocacy-hours", "us-fl-ftsa-hours"])
        #expect(florida.calendars["us-federal"] != nil)
        #expect(florida.content.contains { $0.citation.id == "us-ctia-program-name-first-message" })
        #expect(SharedPolicies.set.policy(for: "us").windows.count == 2)
    }

    @Test func theDefaultIsTheStrictestCombination() {
        let policy = SharedPolicies.set.defaultPolicy
        for key in ["us", "ca", "hk", "uk"] {
            let other = SharedPolicies.set.policy(for: key)
            #expect(Set(other.content).isSubset(of: Set(policy.content)), "\(key) content")
            #expect(Set(other.windows).isSubset(of: Set(policy.windows)), "\(key) windows")
            #expect(Set(other.caps).isSubset(of: Set(policy.caps)), "\(key) caps")
        }
        #expect(policy.calendars.keys.sorted() == ["ca-federal", "hk-general", "us-federal"])
        // Retention: the longest per record kind.
        #expect(policy.retentionByRecord["opt_out"]?.days == 5 * 365)
        #expect(policy.retentionByRecord["consent"]?.days == 5 * 365)
    }

    @Test func unknownKeysAndJoinedOverlaysResolve() {
        #expect(SharedPolicies.set.policy(for: "nowhere").key == "default")
        let both = SharedPolicies.set.policy(for: "us-fl+us-md")
        #expect(both.windows.contains { $0.citation.id == "us-fl-ftsa-hours" })
        #expect(both.windows.contains { $0.citation.id == "us-md-hours" })
    }

    @Test func aSetWithoutDefaultOrWithACycleIsRefused() {
        #expect(throws: PolicySetError.self) { try PolicySet([JurisdictionPolicy(key: "us", name: "US")]) }
        let a = JurisdictionPolicy(key: "a", name: "A", parent: "b")
        let b = JurisdictionPolicy(key: "b", name: "B", parent: "a")
        #expect(throws: PolicySetError.self) { try PolicySet([a, b, JurisdictionPolicy(key: "default", name: "D")]) }
        let claimedTwice = [
            JurisdictionPolicy(key: "x", name: "X", appliesTo: ["US"]), JurisdictionPolicy(key: "y", name: "Y", appliesTo: ["US"]),
            JurisdictionPolicy(key: "default", name: "D"),
        ]
        #expect(throws: PolicySetError.self) { try PolicySet(claimedTwice) }
    }
}
