import ArgumentParser
import Foundation
import TocsinCore
import TocsinServer
import TocsinStore

struct Erase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase a number's personal data everywhere; it stays suppressed by its keyed hash and the ledger still verifies."
    )
    @OptionGroup var options: ConfigOptions
    @Argument(help: "The number to erase.")
    var phone: String
    @Option(name: .long, help: "Why (the request and how it came), for the audit record.")
    var reason: String
    @Option(name: .long, help: "Who is erasing (for the ledger).")
    var actor = "cli"

    func run() async throws {
        try await withStore(self.options) { config, store in
            let number: PhoneNumber
            do { number = try PhoneNumber.parse(self.phone, defaultRegion: config.profile.defaultRegion) } catch { fail("\(self.phone): \(error)") }
            let outcome = try await store.erase(number, actor: self.actor, reason: self.reason, now: Date())
            let counts = outcome.redacted.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("erased \(number.masked): \(counts); suppressed by key \(outcome.phoneKey.prefix(12))…, erasure recorded as consent event \(outcome.consentEventID)")
        }
    }
}
