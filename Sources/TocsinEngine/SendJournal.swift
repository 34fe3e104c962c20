import Foundation
import Synchronization
import TocsinCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only file in which the dispatcher notes each bulk carrier call as it starts and each acceptance
/// as it comes back, so that after a crash only the calls truly in flight (at most the send concurrency) are
/// left in doubt: a leased message whose call never started is put back, one the carrier accepted is
/// recorded as sent (``SendJournalFacts``).
///
/// Each note is copied into a shared memory map of the file (``MappedAppendFile``), not written with a system
/// call: it survives the process being killed (the kernel's page cache has it) without a flush or a `write(2)`
/// per message. It may not survive the machine stopping, so the file starts
/// with the kernel's boot id, and a journal from another boot is not trusted (every leased message is then
/// in doubt, as without a journal). It serves one process on one SQLite database; it is emptied after each
/// recovery and whenever every claimed batch has been recorded.
public final class SendJournal: Sendable {
    public let path: String
    let file: MappedAppendFile
    let bootID: String
    /// Set once a batch's outcomes could not be recorded: its notes must survive until the next recovery.
    let keeping = Mutex(false)

    /// Opens (creating if needed) the journal at `path`, keeping what it holds until ``reset(now:)``.
    ///
    /// - Throws: ``CarrierError`` `misconfigured` naming the file when it cannot be opened.
    public init(path: String, bootID: String = SendJournal.currentBootID()) throws(CarrierError) {
        guard let file = MappedAppendFile(path: path) else {
            throw CarrierError(.misconfigured, message: "cannot open the send journal \(path): check the database folder is writable")
        }
        self.path = path
        self.file = file
        self.bootID = bootID
    }

    /// The kernel's boot id (Linux), or an empty string where there is none (then no journal is trusted).
    public static func currentBootID() -> String {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Notes that the call for message `id` is about to start; false when the note could not be written
    /// (then the call must not be made).
    public func started(_ id: Int64) -> Bool {
        var note: [UInt8] = []
        note.reserveCapacity(24)
        note.append(contentsOf: "S\t".utf8)
        ASCIIDigits.append(id, to: &note)
        note.append(UInt8(ascii: "\n"))
        return note.withUnsafeBytes { self.file.append($0) }
    }

    /// Notes the carrier's acceptance of message `id` (a failure to write only leaves it in doubt).
    public func accepted(_ id: Int64, carrier: String, carrierMessageID: String) {
        var note: [UInt8] = []
        note.reserveCapacity(28 + carrier.utf8.count + carrierMessageID.utf8.count)
        note.append(contentsOf: "A\t".utf8)
        ASCIIDigits.append(id, to: &note)
        note.append(UInt8(ascii: "\t"))
        note.append(contentsOf: Self.field(carrier).utf8)
        note.append(UInt8(ascii: "\t"))
        note.append(contentsOf: Self.field(carrierMessageID).utf8)
        note.append(UInt8(ascii: "\n"))
        _ = note.withUnsafeBytes { self.file.append($0) }
    }

    /// A value as one field of a note: tabs and line breaks (which no carrier puts in its ids) become spaces.
    static func field(_ value: String) -> String {
        // Checked on the UTF-8 bytes first (every id, every call): tab, LF, VT, FF, CR, or a byte of a non-ASCII character.
        guard value.utf8.contains(where: { (0x09...0x0D).contains($0) || $0 >= 0x80 }) else { return value }
        return String(value.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// Keeps every note until the next recovery: call it when claimed messages could not be recorded.
    public func keep() {
        self.keeping.withLock { $0 = true }
    }

    /// Empties the journal and starts it with this boot's id and `now` (it speaks only of leases taken from
    /// then on), unless ``keep()`` was called. Call it only when no claimed message is waiting for its
    /// outcome to be recorded.
    public func reset(now: Date) {
        let kept = self.keeping.withLock { $0 }
        guard !kept else { return }
        self.file.truncate()
        _ = self.append("B\t\(self.bootID)\t\(now.millisecondsSince1970)\n")
    }

    /// Forgets a ``keep()``: after a recovery has used the notes.
    public func resetAfterRecovery(now: Date) {
        self.keeping.withLock { $0 = false }
        self.reset(now: now)
    }

    /// What the journal holds, or nil when it is not from this boot (or this machine has no boot id).
    public func facts() -> SendJournalFacts? {
        Self.facts(String(decoding: self.file.contents(), as: UTF8.self), bootID: self.bootID)
    }

    /// Reads a journal's text: nil unless its first line names `bootID` (and when it was emptied). A torn
    /// last line is ignored.
    static func facts(_ text: String, bootID: String) -> SendJournalFacts? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard !bootID.isEmpty, let first = lines.first else { return nil }
        let header = first.split(separator: "\t")
        guard header.count == 3, header[0] == "B", header[1] == bootID, let sinceMS = Int64(header[2]) else { return nil }
        lines.removeFirst()
        if !text.hasSuffix("\n"), !lines.isEmpty { lines.removeLast() }
        var facts = SendJournalFacts(since: Date(millisecondsSince1970: sinceMS))
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let id = Int64(fields[1]) else { continue }
            switch fields[0] {
            case "S":
                facts.started.insert(id)
            case "A" where fields.count == 4:
                facts.started.insert(id)
                facts.accepted[id] = SendJournalFacts.Acceptance(carrier: String(fields[2]), carrierMessageID: String(fields[3]))
            default:
                continue
            }
        }
        return facts
    }

    /// Appends one note whole; false when it could not be.
    func append(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { self.file.append(UnsafeRawBufferPointer($0)) }
    }
}
