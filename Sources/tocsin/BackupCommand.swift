import ArgumentParser
import Foundation
import TocsinServer
import TocsinStore

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the SQLite database while the service runs, check the copy and its ledger, and copy its erasure key file.",
        discussion: """
            Restore: stop the service, put the copy (and its .erasure-key file, unless the key is configured) in place of \
            the database, start it again; `tocsin audit verify` checks the ledger.
            """
    )
    @OptionGroup var options: ConfigOptions
    @Argument(help: "The new file to write (never overwritten), e.g. /backups/tocsin-2026-11-21.sqlite.")
    var destination: String

    func run() async throws {
        let config: TocsinConfig
        let store: SQLiteStore
        do {
            config = try TocsinConfig.load(file: self.options.config, environment: ProcessInfo.processInfo.environment, flags: self.options.flags)
            if TocsinConfig.isPostgresURL(config.databasePath) {
                fail(
                    "tocsin backup copies a SQLite database; on PostgreSQL back up with `pg_dump -Fc` and restore with "
                        + "`pg_restore` (README, Backup and restore), and keep compliance.erasure_key with the backup"
                )
            }
            store = try config.openStore()
        } catch {
            fail("\(error)")
        }
        let terminal = isatty(STDERR_FILENO) == 1
        let summary: BackupSummary
        do {
            summary = try await store.backup(to: self.destination) { done, total in
                guard terminal else { return }
                FileHandle.standardError.write(Data("\rcopying page \(done)/\(total)".utf8))
            }
        } catch {
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            fail("\(error)")
        }
        if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        var keyNote = "the erasure key is configured (compliance.erasure_key): keep it with this backup"
        if config.ledger.erasureKey == nil {
            let source = ErasureKey.defaultFile(forDatabase: config.databasePath)
            let target = ErasureKey.defaultFile(forDatabase: self.destination)
            guard let key = FileManager.default.contents(atPath: source),
                FileManager.default.createFile(atPath: target, contents: key, attributes: [.posixPermissions: 0o600])
            else { fail("the database was copied but its erasure key \(source) could not be copied to \(target); copy it by hand") }
            keyNote = "erasure key copied to \(target) (mode 0600)"
        }
        let head = summary.ledger.head.map { "ledger head \($0.seq):\($0.hash)" } ?? "empty ledger"
        print("backup written: \(self.destination) (\(summary.bytes) bytes, \(summary.pages) pages), integrity ok, \(summary.ledger.entries) ledger entries verified, \(head); \(keyNote)")
    }
}
