import Foundation
import GRDB
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

/// Imports CSV text into a harness store and keeps what was reported.
struct ImportRun {
    var summary: SubscriberImportSummary
    var rejected: [SubscriberImportRejection]
    var headers: [[String]]

    static let header = "phone,first_name,language,consented_at,source,disclosure,source_url,ip,user_agent\n"

    init(_ harness: StoreHarness, _ csv: String, campaign: String = "rights", batchSize: Int = 1000, actor: String = "test-import") async throws {
        try await self.init(harness, Data(csv.utf8), campaign: campaign, batchSize: batchSize, actor: actor)
    }

    init(_ harness: StoreHarness, _ data: Data, campaign: String = "rights", batchSize: Int = 1000, actor: String = "test-import") async throws {
        var rejected: [SubscriberImportRejection] = []
        var headers: [[String]] = []
        let importer = SubscriberImport(store: harness.store, campaignSlug: campaign, defaultRegion: "US", actor: actor, batchSize: batchSize)
        self.summary = try await importer.run(data: data, name: "list.csv", now: harness.now) { rejection, header in
            rejected.append(rejection)
            headers.append(header)
        }
        self.rejected = rejected
        self.headers = headers
    }

    /// A row for `phone` with complete evidence.
    static func row(_ phone: String, name: String = "", language: String = "en", at: String = "2024-05-01T18:30:00Z") -> String {
        "\(phone),\(name),\(language),\(at),paper form 2024,\"Yes, text me Rights Alerts. Up to 4 msgs/month.\",https://example.org/form,203.0.113.7,Mozilla/5.0\n"
    }
}

struct SubscriberImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func counts(_ store: SQLiteStore) async throws -> [Int] {
        var counts: [Int] = []
        for table in ["subscriber", "subscription", "consent_event", "audit_event"] { counts.append(try await store.rowCount(table)) }
        return counts
    }

    @Test func tenThousandRowsImportInBatchesWithinSeconds() async throws {
        let harness = try await StoreHarness()
        var csv = ImportRun.header
        for index in 0..<10_000 { csv += ImportRun.row(Fixtures.phone(index).e164, name: "N\(index)") }
        let audits = try await harness.store.rowCount("audit_event")
        let clock = ContinuousClock()
        var run: ImportRun?
        let elapsed = try await clock.measure { run = try await ImportRun(harness, csv) }
        #expect(run?.summary == SubscriberImportSummary(imported: 10_000, skipped: 0, rejected: 0))
        // Each row also chains a ledger entry (two keyed hashes and two SHA-256 in the append trigger, about
        // 60 µs a row in a debug build): about 1.6 s alone, several times that under the parallel suite.
        #expect(elapsed < .seconds(20), "took \(elapsed)")
        let active = try await harness.store.subscribers(campaignID: harness.rights.id, status: .active, after: 0, limit: 20_000)
        #expect(active.records.count == 10_000)
        #expect(try await harness.store.rowCount("consent_event") == 10_000)
        // One audit record per batch of 1,000.
        #expect(try await harness.store.rowCount("audit_event") == audits + 10)
    }

    @Test func runningTheSameFileTwiceChangesNothingTheSecondTime() async throws {
        let harness = try await StoreHarness()
        let csv = ImportRun.header + (1...25).map { ImportRun.row(Fixtures.phone($0).e164) }.joined()
        let first = try await ImportRun(harness, csv, batchSize: 10)
        #expect(first.summary == SubscriberImportSummary(imported: 25, skipped: 0, rejected: 0))
        let before = try await self.counts(harness.store)
        let second = try await ImportRun(harness, csv, batchSize: 10)
        #expect(second.summary == SubscriberImportSummary(imported: 0, skipped: 25, rejected: 0))
        #expect(second.summary.line == "imported 0, skipped 25 (already subscribed), rejected 0")
        #expect(try await self.counts(harness.store) == before)
    }

    @Test func aSuppressedNumberIsNeverImported() async throws {
        let harness = try await StoreHarness()
        let stopped = Fixtures.phone(1)
        _ = try await harness.inbound(stopped, "m1", .join, join: harness.rights.id)
        _ = try await harness.inbound(stopped, "m2", .optOut)
        let csv = ImportRun.header + ImportRun.row(stopped.e164) + ImportRun.row(Fixtures.phone(2).e164)
        let run = try await ImportRun(harness, csv)
        #expect(run.summary == SubscriberImportSummary(imported: 1, skipped: 0, rejected: 1))
        #expect(run.rejected.map(\.reason) == ["suppressed"])
        #expect(run.rejected.map(\.line) == [2])
        #expect(try await harness.store.subscriptionStatus(stopped, campaign: "rights") == .optedOut)
        #expect(try await harness.store.consentEvents(for: stopped).allSatisfy { $0.source != "import" })
    }

    @Test func eachImportedRowCarriesItsConsentEvidence() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(3)
        let csv = ImportRun.header + ImportRun.row("(212) 200-0003", name: "Ana", language: "FR", at: "2024-05-01T20:30:00+02:00")
        _ = try await ImportRun(harness, csv, actor: "ops:maria")
        let detail = try #require(try await harness.store.subscriber(phone, campaignID: harness.rights.id))
        #expect(detail.record.status == .active)
        #expect(detail.record.firstName == "Ana")
        #expect(detail.record.language == "fr")
        #expect(detail.record.joinedAt == Date(timeIntervalSince1970: 1_714_588_200))
        #expect(detail.record.consentSource == "import")
        let event = try #require(detail.events.first)
        #expect(detail.events.count == 1)
        #expect(event.action == "opt_in" && event.source == "import" && event.scope == "campaign")
        #expect(event.rawText == "paper form 2024")
        #expect(event.disclosure == "Yes, text me Rights Alerts. Up to 4 msgs/month.")
        #expect(event.sourceURL == "https://example.org/form" && event.ip == "203.0.113.7" && event.userAgent == "Mozilla/5.0")
        #expect(event.staff == "ops:maria")
        #expect(event.occurredAt == Date(timeIntervalSince1970: 1_714_588_200))
        let audit = try await SQLiteStoreCampaignAdminTests().lastAudit(harness.store)
        #expect(audit["actor"] == "ops:maria")
        #expect(audit["action"] == "subscribers.import")
        #expect(audit["detail"] == "list.csv lines 2–2: imported 1, skipped 0, rejected 0")
    }

    @Test func thePendingAndTheOptedOutAreTreatedDifferently() async throws {
        let harness = try await StoreHarness()
        let pending = Fixtures.phone(4), optedOut = Fixtures.phone(5)
        _ = try await harness.store.requestWebOptIn(
            WebOptInRequest(phone: pending, campaignSlug: "rights", disclosure: "d", sourceURL: "https://x.org", ip: nil,
                            userAgent: nil, language: "en", firstName: "Web", actor: "intake"),
            renderer: EchoRenderer(), sender: "+14155550100", now: harness.now
        )
        // Opted out of this campaign without being suppressed now (STOP, then START, which restores nothing
        // for a campaign that was only pending).
        try await harness.store.writer.write { db in
            let id = try db.subscriberID(for: optedOut.e164, at: 0)
            try db.execute(sql: "INSERT INTO subscription (subscriber_id, campaign_id, status, updated_at) VALUES (?, ?, 'opted_out', 0)",
                           arguments: [id, harness.rights.id])
        }
        let run = try await ImportRun(harness, ImportRun.header + ImportRun.row(pending.e164, name: "Csv") + ImportRun.row(optedOut.e164))
        #expect(run.summary == SubscriberImportSummary(imported: 1, skipped: 0, rejected: 1))
        #expect(run.rejected.first?.reason.contains("opted out of this campaign") == true)
        let detail = try #require(try await harness.store.subscriber(pending, campaignID: harness.rights.id))
        #expect(detail.record.status == .active)
        #expect(detail.record.firstName == "Web")  // an existing subscriber keeps its own name
    }

    @Test func theNastyFixtureIsReadRowByRow() async throws {
        let harness = try await StoreHarness()
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("nasty-import.csv"))
        let run = try await ImportRun(harness, data)
        #expect(run.summary == SubscriberImportSummary(imported: 4, skipped: 1, rejected: 6, ignoredColumns: ["notes"]))
        #expect(run.rejected.map(\.line) == [8, 9, 10, 11, 12, 14])
        let reasons = run.rejected.map(\.reason)
        #expect(reasons[0].hasPrefix("phone: "))
        #expect(reasons[1].contains("is not an ISO 8601 date"))
        #expect(reasons[2].contains("disclosure is empty"))
        #expect(reasons[3].contains("the row has 5 fields but the header has 10"))
        #expect(reasons[4].contains("text after a closing quote"))
        #expect(reasons[5].contains("language 'de'"))
        #expect(run.headers.allSatisfy { $0.first == "Phone" && $0.count == 10 })
        let zoe = try #require(try await harness.store.subscriber(PhoneNumber(e164: "+12125550102")!, campaignID: harness.rights.id))
        #expect(zoe.record.firstName == "Zoë")
        #expect(zoe.events.first?.disclosure == "Oui,\r\nenvoyez-moi des alertes.\r\nARRET pour arrêter.")
        #expect(zoe.events.first?.rawText == "tabling, Paris")
        let ann = try #require(try await harness.store.subscriber(PhoneNumber(e164: "+12125550101")!, campaignID: harness.rights.id))
        #expect(ann.record.firstName == "O'Brien, Ann")
        #expect(ann.events.first?.disclosure == "Yes, text me \"Rights Alerts\". Up to 4 msgs/month.")
        let last = try #require(try await harness.store.subscriber(PhoneNumber(e164: "+12125550108")!, campaignID: harness.rights.id))
        #expect(last.record.language == "es")
    }

    @Test func theFileIsReadFromDiskInChunks() async throws {
        let harness = try await StoreHarness()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Over one 256 KiB chunk, so records straddle chunk boundaries.
        var csv = ImportRun.header
        for index in 0..<4_000 { csv += ImportRun.row(Fixtures.phone(index).e164) }
        #expect(csv.utf8.count > 2 * 256 * 1024)
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        var progress: [SubscriberImportProgress] = []
        let summary = try await SubscriberImport(store: harness.store, campaignSlug: "rights", defaultRegion: "US")
            .run(path: path, now: harness.now, progress: { progress.append($0) }) { _, _ in }
        #expect(summary == SubscriberImportSummary(imported: 4_000, skipped: 0, rejected: 0))
        #expect(progress.last?.fraction == 1)
        #expect(progress.last?.rows == 4_000)
        #expect(progress.count >= 4)
    }

    @Test(arguments: [
        ("", "list.csv is empty"),
        ("\n\n", "list.csv is empty"),
        ("first_name,consented_at,source,disclosure\nAna,2024-01-01,x,y\n", "no phone column"),
        ("+12125550101,2024-01-01,x,y\n", "the header row has no"),
    ])
    func unusableFilesAreErrors(csv: String, message: String) async throws {
        let harness = try await StoreHarness()
        await #expect {
            _ = try await ImportRun(harness, csv)
        } throws: { error in
            (error as? SubscriberImportError)?.message.contains(message) == true
        }
        #expect(try await harness.store.rowCount("subscriber") == 0)
    }

    @Test func unknownArchivedAndMissingTargetsAreErrors() async throws {
        let harness = try await StoreHarness()
        let csv = ImportRun.header + ImportRun.row("+12125550101")
        await #expect(throws: SubscriberImportError("no campaign with slug 'nope'; list them with GET /v1/campaigns")) {
            _ = try await ImportRun(harness, csv, campaign: "nope")
        }
        _ = try await harness.store.archiveCampaign(slug: "rights", actor: "test", now: harness.now)
        await #expect(throws: SubscriberImportError.self) { _ = try await ImportRun(harness, csv) }
        let importer = SubscriberImport(store: harness.store, campaignSlug: "rights", defaultRegion: "US")
        await #expect(throws: SubscriberImportError("cannot read /nonexistent/list.csv: no such file")) {
            _ = try await importer.run(path: "/nonexistent/list.csv", now: harness.now) { _, _ in }
        }
    }

    @Test func theProgressBarShowsTheFraction() {
        var progress = SubscriberImportProgress(totalBytes: 200)
        progress.bytesRead = 100
        progress.rows = 4_500
        #expect(progress.bar(width: 10) == "[#####-----]  50%  4500 rows")
        #expect(SubscriberImportProgress(totalBytes: nil).bar(width: 4) == "[----]   0%  0 rows")
    }
}
