import ArgumentParser
import Foundation

@main
struct Tocsin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin",
        abstract: "SMS and phone-alert gateway for human-rights organisations.",
        subcommands: [Serve.self, Phone.self, Keywords.self, Tokens.self, Segments.self, Schedule.self, Subscribers.self, Dispatch.self, Compliance.self, Audit.self, Consent.self, Erase.self, Backup.self]
    )
}

/// Options shared by commands that open the configuration and the store.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "YAML configuration file (e.g. Examples/demo.yaml).")
    var config: String?

    @Option(name: .long, help: "SQLite database file or postgres://user:password@host:port/database URL (overrides storage.database).")
    var db: String?

    @Option(name: .long, help: "Keyword files directory (overrides paths.keywords).")
    var keywords: String?

    @Option(name: .long, help: "Compliance policy directory (overrides paths.compliance).")
    var compliance: String?

    var flags: [String: String?] {
        ["storage.database": self.db, "paths.keywords": self.keywords, "paths.compliance": self.compliance]
    }
}

/// Prints `message` to standard error and exits with status 1 (a one-line error for the CLI).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("tocsin: \(message)\n".utf8))
    exit(1)
}
