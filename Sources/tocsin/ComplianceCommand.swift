import ArgumentParser
import Foundation
import TocsinCore
import TocsinRules

struct Compliance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance", abstract: "Check the jurisdiction policy files and see which policy applies to a number.",
        subcommands: [Check.self, Where.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the policy files: one summary line per file, or every problem (file, key, line) and exit 1."
        )

        @Argument(help: "Compliance directory (default: Compliance).")
        var directory: String = "Compliance"

        func run() throws {
            let report = PolicyFiles.check(directory: self.directory)
            guard report.issues.isEmpty else {
                for issue in report.issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
                throw ExitCode(1)
            }
            for line in report.summaries { print(line) }
        }
    }

    struct Where: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the jurisdiction of numbers and their opt-out deadline for an event received now (one JSON object per line)."
        )

        @Option(name: .long, help: "Compliance directory.")
        var compliance: String = "Compliance"

        @Option(name: .long, help: "Region for numbers without a + (default US).")
        var region: String = "US"

        @Argument(help: "Phone numbers.")
        var numbers: [String]

        func run() throws {
            let policies: PolicySet
            do { policies = try PolicyFiles.load(directory: self.compliance) } catch { fail("\(error)") }
            let quoted = JSONText.quoted
            for text in self.numbers {
                guard let phone = try? PhoneNumber.parse(text, defaultRegion: self.region) else {
                    print("{\"input\":\(quoted(text)),\"error\":\"not a valid phone number\"}")
                    continue
                }
                let jurisdiction = policies.jurisdiction(of: phone)
                let deadline = policies.optOutDeadline(jurisdiction: jurisdiction, receivedAt: Date())
                print(
                    "{\"number\":\(quoted(phone.masked)),\"region\":\(quoted(jurisdiction.region)),"
                        + "\"jurisdiction\":\(quoted(jurisdiction.key)),\"opt_out_due\":\(quoted(deadline.dueAt.formatted(.iso8601))),"
                        + "\"deadline_rule\":\(quoted(deadline.rule.id))}"
                )
            }
        }
    }
}
