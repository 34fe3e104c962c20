import ArgumentParser
import Foundation
import TocsinCore
import TocsinServer
import TocsinStore

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify the tamper-evident ledger, export the opt-out log, report deadlines.",
        subcommands: [Verify.self, Export.self, Deadlines.self]
    )

    /// Writes `text` to `output` (a file) or standard output.
    static func write(_ text: String, to output: String?) {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else { fail("cannot write \(output)") }
    }

    static func date(_ text: String?, _ name: String) -> Date? {
        guard let text else { return nil }
        switch ISO8601Timestamp.parse(text) {
        case .success(let date): return date
        case .failure: fail("--\(name) must be an ISO 8601 time or date, e.g. 2026-11-01 or 2026-11-01T00:00:00Z")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole hash chain and every consent and audit row against it; exit 1 naming the first broken entry."
        )
        @OptionGroup var options: ConfigOptions
        @Option(name: .long, help: "A head recorded earlier, SEQ:HASH: also check the chain still passes through it.")
        var expectHead: String?
        @Flag(name: .long, help: "Print the result as JSON.")
        var json = false

        func run() async throws {
            try await withStore(self.options) { _, store in
                let terminal = isatty(STDERR_FILENO) == 1
                let result = try await store.verifyLedger { done, total in
                    guard terminal, total >= 10_000 else { return }
                    FileHandle.standardError.write(Data("\rverifying \(done)/\(total) entries".utf8))
                }
                if terminal, result.entries >= 10_000 { FileHandle.standardError.write(Data("\n".utf8)) }
                if self.json { print(ComplianceJSON.verification(result)) }
                if let problem = result.problem { fail("ledger broken: \(problem)") }
                if let expected = self.expectHead {
                    let parts = expected.split(separator: ":")
                    guard parts.count == 2, let seq = Int64(parts[0]) else { fail("--expect-head must be SEQ:HASH, e.g. 1234:9f86d0…") }
                    guard try await store.ledgerHash(seq: seq) == String(parts[1]) else {
                        fail("ledger broken: entry \(seq) no longer has the hash recorded earlier (\(parts[1])): the chain was rewritten")
                    }
                }
                if !self.json {
                    let head = result.head.map { "head \($0.seq) \($0.hash)" } ?? "empty"
                    print("ledger intact: \(result.entries) entries, \(head)")
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the opt-out log (CSV or JSON lines) or consents in Twilio's Bulk Consents shape for a period."
        )
        @OptionGroup var options: ConfigOptions
        @Option(name: .long, help: "Start of the period (ISO 8601; default 30 days before --to).")
        var from: String?
        @Option(name: .long, help: "End of the period, exclusive (ISO 8601; default now).")
        var to: String?
        @Option(name: .long, help: "csv (default), json (one opt-out per line) or twilio (Bulk Consents items).")
        var format = "csv"
        @Option(name: .long, help: "Twilio sender_id (Messaging Service SID or number; default the first organisation sender).")
        var senderID: String?
        @Option(name: .long, help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            try await withStore(self.options) { config, store in
                let to = Audit.date(self.to, "to") ?? Date()
                let from = Audit.date(self.from, "from") ?? to.addingTimeInterval(-30 * 86_400)
                guard from < to else { fail("--from must be before --to") }
                switch self.format {
                case "csv":
                    var text = SubscriberCSVWriter.record(OptOutLogEntry.csvHeader)
                    for entry in try await store.optOutLog(from: from, to: to) {
                        text += SubscriberCSVWriter.record(entry.csvFields, neutralizingFormulas: [5, 10, 13, 14])
                    }
                    Audit.write(text, to: self.output)
                case "json":
                    let lines = try await store.optOutLog(from: from, to: to).map { ComplianceJSON.optOut($0) + "\n" }
                    Audit.write(lines.joined(), to: self.output)
                case "twilio":
                    let items = try await store.twilioConsents(from: from, to: to, senderID: self.senderID ?? config.profile.defaultSender)
                    Audit.write(ComplianceJSON.twilio(items) + "\n", to: self.output)
                default:
                    fail("--format must be csv, json or twilio")
                }
            }
        }
    }

    struct Deadlines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pending reviews due within 24 hours or overdue, and opt-outs honoured late; exit 1 when any is overdue."
        )
        @OptionGroup var options: ConfigOptions
        @Option(name: .long, help: "How many days back to look for late opt-outs.")
        var days = 30

        func run() async throws {
            try await withStore(self.options) { config, store in
                let deadline: OptOutDeadlineFunction
                do { deadline = try config.loadPolicyDeadline() } catch { fail("\(error)") }
                let now = Date()
                let report = try await store.deadlineReport(
                    now: now, since: now.addingTimeInterval(-Double(self.days) * 86_400), deadline: deadline
                )
                print(ComplianceJSON.deadlines(report))
                if report.counts.overdue > 0 { throw ExitCode(1) }
            }
        }
    }
}
