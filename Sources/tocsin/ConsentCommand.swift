import ArgumentParser
import Foundation
import TocsinCore
import TocsinServer
import TocsinStore

struct Consent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Prove a number's consent history.", subcommands: [Proof.self])

    struct Proof: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every consent event of a number, in order, with the disclosure shown and its ledger entry and hashes (JSON)."
        )
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The number (national numbers use organisation.default_region).")
        var phone: String
        @Option(name: .long, help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            try await withStore(self.options) { config, store in
                let number: PhoneNumber
                do { number = try PhoneNumber.parse(self.phone, defaultRegion: config.profile.defaultRegion) } catch { fail("\(self.phone): \(error)") }
                Audit.write(ComplianceJSON.proof(try await store.consentProof(number)) + "\n", to: self.output)
            }
        }
    }
}
