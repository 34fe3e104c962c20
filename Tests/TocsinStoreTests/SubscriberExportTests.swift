import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SubscriberExportTests {
    func export(_ harness: StoreHarness, status: SubscriptionStatus? = .active, pageSize: Int = 1000) async throws -> (String, Int, Int) {
        var text = ""
        var writes = 0
        let count = try await SubscriberExport(store: harness.store, campaignSlug: "rights", status: status, pageSize: pageSize).run {
            text += $0
            writes += 1
        }
        return (text, count, writes)
    }

    @Test func anImportedListExportsWhatWasImported() async throws {
        let harness = try await StoreHarness()
        var csv = ImportRun.header
        var expected: [[String]] = []
        for index in 0..<25 {
            let phone = Fixtures.phone(index).e164
            let name = ["Ann", "O'Brien, Zoë", "\"Q\"", ""][index % 4]
            let language = ["en", "fr", "zh", "es"][index % 4]
            let day = String(format: "%02d", index % 28 + 1)
            csv += "\(phone),\(SubscriberCSVWriter.escape(name)),\(language),2024-03-\(day)T09:15:00Z,fair,I agree,,,\n"
            expected.append([phone, "active", name, language, "2024-03-\(day)T09:15:00Z", "import"])
        }
        _ = try await ImportRun(harness, csv)
        let (text, count, writes) = try await self.export(harness, pageSize: 7)
        #expect(count == 25)
        #expect(writes == 1 + 4)  // the header, then one write per page of 7
        let records = SubscriberCSVParserTests.parse(text).map(\.fields)
        #expect(records.first == SubscriberExport.columns)
        #expect(Array(records.dropFirst()) == expected)
    }

    @Test func theStatusFilterAndKeywordSources() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.inbound(Fixtures.phone(1), "m1", .join, join: harness.rights.id)
        _ = try await harness.inbound(Fixtures.phone(2), "m2", .join, join: harness.rights.id)
        _ = try await harness.inbound(Fixtures.phone(2), "m3", .optOut)
        let active = SubscriberCSVParserTests.parse(try await self.export(harness).0).map(\.fields)
        #expect(active.count == 2)
        #expect(active[1][0] == Fixtures.phone(1).e164)
        #expect(active[1][5] == "keyword")
        let all = SubscriberCSVParserTests.parse(try await self.export(harness, status: nil).0).map(\.fields)
        #expect(all.dropFirst().map { $0[1] } == ["active", "opted_out"])
    }

    @Test func formulasInNamesAreNeutralized() async throws {
        let harness = try await StoreHarness()
        _ = try await ImportRun(harness, ImportRun.header + ImportRun.row(Fixtures.phone(1).e164, name: "=cmd|' /C calc'!A0"))
        let rows = SubscriberCSVParserTests.parse(try await self.export(harness).0).map(\.fields)
        #expect(rows[1][2] == "'=cmd|' /C calc'!A0")
        #expect(rows[1][0] == Fixtures.phone(1).e164)
    }

    @Test func anUnknownCampaignIsNotFound() async throws {
        let harness = try await StoreHarness()
        await #expect(throws: StoreError(.notFound, "no campaign with slug 'nope'")) {
            _ = try await SubscriberExport(store: harness.store, campaignSlug: "nope", status: nil).run { _ in }
        }
    }
}
