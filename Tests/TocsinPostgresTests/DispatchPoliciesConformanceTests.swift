import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// Jurisdiction policies in the bulk claim (the number's policy, its consent on record), on both engines.
struct DispatchPoliciesConformanceTests {
    let noon = Scenario.noon
    static let policies: PolicySet = {
        let hours = RuleCitation(id: "us-test-hours", source: "test source 1")
        let us = JurisdictionPolicy(
            key: "us", name: "US", appliesTo: ["US"],
            windows: [SendWindowRule(
                citation: hours, scope: PolicyScope(purposes: [.advocacy]),
                weekday: QuietHours.Window(start: 13 * 60, end: 14 * 60), weekend: QuietHours.Window(start: 13 * 60, end: 14 * 60)
            )]
        )
        let florida = JurisdictionPolicy(
            key: "us-fl", name: "Florida", parent: "us", appliesTo: ["US-FL"],
            consent: [ConsentRule(
                citation: RuleCitation(id: "fl-written", source: "test source 2"), scope: PolicyScope(purposes: [.advocacy]),
                standard: "written", acceptedSources: ["web_form"]
            )]
        )
        return try! PolicySet([us, florida, JurisdictionPolicy(key: "hk", name: "HK", appliesTo: ["HK"]), JurisdictionPolicy(key: "default", name: "D")])
    }()

    /// Four subscribers: New York, Florida, Hong Kong, and Florida again with a web-form opt-in on record.
    func setup(_ store: EngineStore) async throws {
        try await Scenario.fannedOut(store, count: 4)
        var statements: [String] = []
        for (id, phone) in [(2, "+13055550123"), (3, "+85291234567"), (4, "+13055550124")] {
            let old = "+1212200000\(id - 1)"
            statements += [
                "UPDATE subscriber SET phone = '\(phone)' WHERE id = \(id)",
                "UPDATE outbound_message SET phone = '\(phone)' WHERE phone = '\(old)'",
            ]
        }
        statements.append(
            "INSERT INTO consent_event (phone, campaign_id, scope, action, source, occurred_at) VALUES ('+13055550124', 1, 'campaign', 'opt_in_requested', 'web_form', 0)"
        )
        try await store.execute(all: statements)
    }

    @Test(arguments: StoreEngine.allCases)
    func theClaimAppliesEachNumbersPolicyAndStoresTheReason(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await self.setup(store)
            // The org allows all day here, so only the policies decide.
            let allDay = QuietHours.Window(start: 0, end: 1440)
            let gate = SendGate(quietHours: QuietHours(weekday: allDay, weekend: allDay), policies: Self.policies)
            let claimed = try await store.store.claimBulk(limit: 10, gate: gate, brand: "B", lease: 60, now: self.noon)
            #expect(claimed.map(\.sms.to.e164) == ["+85291234567"])
            let rows = try await store.bulkRows()
            #expect(rows.map(\.status) == ["deferred", "cancelled", "sending", "deferred"])
            // New York, 12:00: the US window opens at 13:00 (18:00Z); Florida with web-form consent likewise.
            #expect(rows[0].sendAfter == self.noon.addingTimeInterval(3600))
            #expect(rows[0].reason == "quiet hours in the recipient's time zone (us-test-hours: test source 1)")
            #expect(rows[1].reason?.contains("us-fl requires written consent for advocacy sms (web_form)") == true)
            #expect(rows[3].sendAfter == self.noon.addingTimeInterval(3600))
        }
    }
}
