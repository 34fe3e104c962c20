import Foundation
import GRDB
import TocsinCore

/// What a backup wrote and checked.
public struct BackupSummary: Sendable, Hashable {
    /// Database pages copied, and the copy's size in bytes.
    public var pages: Int
    public var bytes: Int64
    /// The copy's ledger, verified with this store's erasure key.
    public var ledger: LedgerVerification
}

extension SQLiteStore {
    /// Writes a consistent copy of the database to `path` while the service keeps running (SQLite's online
    /// backup reads one snapshot; writers are not blocked), then checks the copy: `PRAGMA integrity_check`,
    /// and its ledger verified end to end with this store's erasure key.
    ///
    /// The erasure key is not in the copy: keep the key file (or the configured key) with the backup, or the
    /// copy's ledger cannot be verified and its unsubscribe links stop working.
    ///
    /// - Parameter progress: called after each step with pages copied and the total.
    /// - Throws: ``StoreError`` `invalid` when `path` exists (a backup never overwrites), `unavailable` when the
    ///   copy cannot be written or fails its checks (the partial copy is removed).
    public func backup(to path: String, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.invalid, "\(path) already exists; a backup never overwrites: choose a new file name")
        }
        let removePartial = { for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var pages = 0
        do {
            let destination = try DatabaseQueue(path: path)
            try self.writer.backup(to: destination, pagesPerStep: 1024) { step in
                pages = step.totalPageCount
                progress(step.completedPageCount, step.totalPageCount)
            }
            let integrity = try await destination.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            try destination.close()
            guard integrity == ["ok"] else {
                removePartial()
                throw StoreError(.unavailable, "the copy at \(path) failed its integrity check (\(integrity.prefix(3).joined(separator: "; "))); it was removed")
            }
        } catch let error as DatabaseError {
            removePartial()
            throw StoreError(.unavailable, "cannot write the backup \(path): \(error.message ?? "\(error)"); check the directory exists and is writable")
        }
        let copy = try SQLiteStore(path: path, erasureKey: self.erasureKey)
        let ledger = try await copy.verifyLedger()
        guard ledger.isIntact else {
            removePartial()
            throw StoreError(.unavailable, "the copy's ledger does not verify (\(ledger.problem.map { "\($0)" } ?? "")); it was removed")
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0
        return BackupSummary(pages: pages, bytes: bytes, ledger: ledger)
    }
}
