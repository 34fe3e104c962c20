import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// Recipients per jurisdiction for launch checks, and jurisdiction policies in the bulk claim.
struct SQLiteStoreJurisdictionsTests {
    static let noon = SQLiteStoreDispatchTests.noon
    static let cite = RuleCitation(id: "us-test-hours", source: "test source 1")
    static let policies: PolicySet = {
        let us = JurisdictionPolicy(
            key: "us", name: "US", appliesTo: ["US"],
            windows: [SendWindowRule(
                citation: cite, scope: PolicyScope(purposes: [.advocacy]),
                weekday: QuietHours.Window(start: 13 * 60, end: 14 * 60), weekend: QuietHours.Window(start: 13 * 60, end: 14 * 60)
            )]
        )
        let florida = JurisdictionPolicy(
            key: "us-fl", name: "Florida", parent: "us", appliesTo: ["US-FL"],
            consent: [ConsentRule(citation: RuleCitation(id: "fl-written", source: "test source 2"), scope: PolicyScope(purposes: [.advocacy]), standard: "written", acceptedSources: ["web_form"])]
        )
        return try! PolicySet([us, florida, JurisdictionPolicy(key: "hk", name: "HK", appliesTo: ["HK"]), JurisdictionPolicy(key: "default", name: "D")])
    }()

    /// Moves seeded subscriber 2 to Florida and 3 to Hong Kong (Chinese), in the subscriber and outbox rows.
    func relocate(_ store: SQLiteStore) async throws {
        try await store.writer.write { db in
            for (id, phone) in [(2, "+13055550123"), (3, "+85291234567")] {
                let old = try String.fetchOne(db, sql: "SELECT phone FROM subscriber WHERE id = ?", arguments: [id]) ?? ""
                try db.execute(sql: "UPDATE subscriber SET phone = ? WHERE id = ?", arguments: [phone, id])
                try db.execute(sql: "UPDATE outbound_message SET phone = ? WHERE phone = ?", arguments: [phone, old])
            }
            try db.execute(sql: "UPDATE subscriber SET language = 'zh' WHERE id = 3")
        }
    }

    @Test func recipientsAreCountedPerJurisdictionAndLanguage() async throws {
        let store = try await SQLiteStoreDispatchTests().setup()
        try await self.relocate(store)
        let groups = try await store.recipientGroups(campaignID: 1, channel: .sms, policies: Self.policies)
        #expect(groups.map(\.jurisdiction).sorted() == ["hk", "us", "us-fl"])
        #expect(groups.first { $0.jurisdiction == "hk" }?.language == "zh")
        #expect(groups.allSatisfy { $0.count == 1 })
        // Suppressed numbers and other channels are left out.
        try await store.writer.write { db in
            try db.execute(sql: "INSERT INTO suppression (phone, source, created_at) VALUES ('+85291234567', 'keyword', 0)")
        }
        let after = try await store.recipientGroups(campaignID: 1, channel: .sms, policies: Self.policies)
        #expect(after.map(\.jurisdiction).sorted() == ["us", "us-fl"])
        #expect(try await store.recipientGroups(campaignID: 1, channel: .voice, policies: Self.policies).isEmpty)
    }

    @Test func theClaimAppliesEachNumbersPolicyAndStoresTheReason() async throws {
        let store = try await SQLiteStoreDispatchTests().setup()
        try await self.relocate(store)
        // The org allows all day here, so only the policies decide.
        let allDay = QuietHours.Window(start: 0, end: 1440)
        let gate = SendGate(quietHours: QuietHours(weekday: allDay, weekend: allDay), policies: Self.policies)
        let claimed = try await store.claimBulk(limit: 10, gate: gate, brand: "B", lease: 60, now: Self.noon)
        #expect(claimed.map(\.sms.to.e164) == ["+85291234567"])
        let records = try await store.bulkRecords()
        #expect(records.map(\.status) == ["deferred", "cancelled", "sending"])
        // New York, 12:00: the US window opens at 13:00 (18:00Z).
        #expect(records[0].sendAfter == Self.noon.addingTimeInterval(3600))
        #expect(records[0].reason == "quiet hours in the recipient's time zone (us-test-hours: test source 1)")
        #expect(records[1].reason?.contains("us-fl requires written consent for advocacy sms (web_form)") == true)
        #expect(records[1].reason?.contains("fl-written: test source 2") == true)
    }
}
