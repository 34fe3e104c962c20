import ArgumentParser
import Foundation
import TocsinCore
import TocsinServer
import TocsinStore

struct Subscribers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import and export a campaign's subscribers as CSV.", subcommands: [Import.self, Export.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a CSV list of supporters with their consent evidence into a campaign.",
            discussion: """
                The first row names the columns, in any order and any case:
                  phone          required: national numbers use organisation.default_region
                  consented_at   required: when consent was given, ISO 8601 with an offset
                                 (2024-05-01T18:30:00Z) or a date (2024-05-01, midnight UTC)
                  source         required: where consent was collected ("paper form 2024")
                  disclosure     required: the consent text the supporter was shown
                  first_name     optional
                  language       optional: one of the campaign's languages
                  source_url     optional: http(s) URL of the form
                  ip, user_agent optional: evidence of a web form
                Other columns are ignored. Each valid row becomes an active subscription
                and an opt_in consent event (source import) dated consented_at.
                Suppressed numbers and numbers that opted out of the campaign are never
                imported; numbers already subscribed are skipped, so running the same
                file twice changes nothing the second time. Rejected rows go with their
                line number and reason to FILE.rejected.csv (or --rejected); the last
                line printed is "imported N, skipped N (already subscribed), rejected N".
                Exit status 0 when the file was processed (even with rejected rows),
                1 when it cannot be used (missing file, no header, a required column
                missing, unknown or archived campaign).
                """
        )

        @OptionGroup var options: ConfigOptions

        @Argument(help: "The CSV file (UTF-8, header row required).")
        var file: String

        @Option(name: .long, help: "Slug of the campaign to import into.")
        var campaign: String

        @Option(name: .long, help: "Where to write rejected rows (default: FILE.rejected.csv).")
        var rejected: String?

        @Option(name: .long, help: "Who is importing, for the consent ledger and the audit trail.")
        var actor = "cli"

        @Option(name: .long, help: "Rows per transaction.")
        var batchSize = 1000

        func run() async throws {
            try await withStore(self.options) { config, store in
                let rejectedPath = self.rejected ?? self.file + ".rejected.csv"
                let showProgress = isatty(STDERR_FILENO) == 1
                var rejectedFile: FileHandle?
                let importer = SubscriberImport(
                    store: store, campaignSlug: self.campaign, defaultRegion: config.profile.defaultRegion,
                    actor: self.actor, batchSize: self.batchSize
                )
                let summary: SubscriberImportSummary
                do {
                    summary = try await importer.run(path: self.file, now: Date()) { progress in
                        if showProgress { Self.stderr("\r" + progress.bar()) }
                    } rejected: { rejection, header in
                        if rejectedFile == nil {
                            rejectedFile = try Self.create(rejectedPath)
                            rejectedFile?.write(Data(SubscriberCSVWriter.record(["line", "reason"] + header).utf8))
                        }
                        let record = SubscriberCSVWriter.record(["\(rejection.line)", rejection.reason] + rejection.fields)
                        rejectedFile?.write(Data(record.utf8))
                    }
                } catch {
                    if showProgress { Self.stderr("\n") }
                    let seeded = config.campaigns.contains { $0.slug == self.campaign }
                    fail("\(error)" + (seeded ? " (campaigns of the config file are stored when `tocsin serve` starts)" : ""))
                }
                if showProgress { Self.stderr("\n") }
                try? rejectedFile?.close()
                if summary.rejected > 0 {
                    Self.stderr("rejected rows and reasons: \(rejectedPath)\n")
                } else if self.rejected == nil, FileManager.default.fileExists(atPath: rejectedPath) {
                    // A rejects file from an earlier run must not be mistaken for this one's.
                    try? FileManager.default.removeItem(atPath: rejectedPath)
                }
                if !summary.ignoredColumns.isEmpty {
                    Self.stderr("ignored columns: \(summary.ignoredColumns.joined(separator: ", "))\n")
                }
                print(summary.line)
            }
        }

        static func create(_ path: String) throws -> FileHandle {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw SubscriberImportError("cannot write \(path)")
            }
            return handle
        }

        static func stderr(_ text: String) {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a campaign's subscribers as CSV.",
            discussion: """
                Columns: phone, status, first_name, language, joined_at (ISO 8601 UTC),
                consent_source (source of the latest opt-in: keyword, web_form, import,
                ...). Reads the list page by page, so any size works. Names that start
                with = + - @ get a leading ' so spreadsheets never run them.
                """
        )

        @OptionGroup var options: ConfigOptions

        @Option(name: .long, help: "Slug of the campaign.")
        var campaign: String

        @Option(name: .long, help: "active, pending, opted_out or all.")
        var status = "active"

        @Option(name: .long, help: "File to write (default: standard output).")
        var output: String?

        func run() async throws {
            let status: SubscriptionStatus?
            if self.status == "all" {
                status = nil
            } else if let parsed = SubscriptionStatus(rawValue: self.status) {
                status = parsed
            } else {
                fail("--status must be all or one of \(SubscriptionStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            try await withStore(self.options) { _, store in
                let handle: FileHandle
                if let output = self.output {
                    do { handle = try Import.create(output) } catch { fail("\(error)") }
                } else {
                    handle = FileHandle.standardOutput
                }
                do {
                    let count = try await SubscriberExport(store: store, campaignSlug: self.campaign, status: status).run { text in
                        handle.write(Data(text.utf8))
                    }
                    if self.output != nil {
                        try? handle.close()
                        Import.stderr("exported \(count) subscribers to \(self.output ?? "")\n")
                    }
                } catch let error as StoreError {
                    fail(error.message)
                }
            }
        }
    }
}
