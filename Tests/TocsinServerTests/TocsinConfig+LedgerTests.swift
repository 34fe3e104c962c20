import Foundation
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinServer

struct TocsinConfigLedgerTests {
    @Test func defaultsAndTheEnvironment() throws {
        let defaults = try TocsinConfig.load(file: nil, environment: [:], flags: [:])
        #expect(defaults.ledger.erasureKey == nil)
        #expect(defaults.ledger.verifyOnStart)
        #expect(defaults.ledger.unsubscribeLinkDays == 90)
        #expect(defaults.ledger.optOutDeadlineBusinessDays == 10)
        let key = String(repeating: "ab", count: 32)
        let environment = [
            "TOCSIN_COMPLIANCE_ERASURE_KEY": key, "TOCSIN_COMPLIANCE_VERIFY_ON_START": "false", "TOCSIN_COMPLIANCE_UNSUBSCRIBE_LINK_DAYS": "60",
        ]
        let config = try TocsinConfig.load(file: nil, environment: environment, flags: [:])
        #expect(config.ledger.erasureKey == key)
        #expect(config.ledger.verifyOnStart == false)
        #expect(config.ledger.unsubscribeLinkDays == 60)
    }

    @Test(arguments: [
        ("TOCSIN_COMPLIANCE_ERASURE_KEY", "short", "compliance.erasure_key"),
        ("TOCSIN_COMPLIANCE_UNSUBSCRIBE_LINK_DAYS", "30", "compliance.unsubscribe_link_days"),
        ("TOCSIN_COMPLIANCE_OPT_OUT_DEADLINE_BUSINESS_DAYS", "11", "compliance.opt_out_deadline_business_days"),
    ])
    func badValuesNameTheirKey(_ variable: String, _ value: String, _ key: String) {
        #expect {
            _ = try TocsinConfig.load(file: nil, environment: [variable: value], flags: [:])
        } throws: { error in
            "\(error)".contains(key)
        }
    }

    @Test func theConfiguredKeyOpensTheStoreAndTheDeadlineUsesTheReviewCalendar() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-config-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let environment = ["TOCSIN_COMPLIANCE_ERASURE_KEY": String(repeating: "cd", count: 32), "TOCSIN_REVIEW_HOLIDAYS": "2026-11-26"]
        let config = try TocsinConfig.load(file: nil, environment: environment, flags: ["storage.database": directory + "/t.sqlite"])
        _ = try config.openStore()
        #expect(!FileManager.default.fileExists(atPath: directory + "/t.sqlite.erasure-key"))
        // Friday 2026-11-20 15:00 UTC: ten business days skipping Thanksgiving is Monday 7 December.
        #expect(config.optOutDeadline(nil, Date(timeIntervalSince1970: 1_795_186_800)) == Date(timeIntervalSince1970: 1_796_655_600))
    }
}
