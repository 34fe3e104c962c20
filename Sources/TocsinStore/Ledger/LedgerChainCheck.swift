import Foundation
import GRDB

/// The engine-neutral part of the verifier: fed the entries in sequence order with their source rows, it
/// names the first problem (see ``LedgerVerifier`` for what is checked). Each engine reads the rows its way.
package struct LedgerChainCheck: Sendable {
    let key: ErasureKey
    /// The sequence number the next entry must have.
    package private(set) var expected: Int64 = 1
    private(set) var previous = LedgerEncoding.genesis
    private(set) var head: LedgerHead?
    /// Entries accepted so far.
    package private(set) var count = 0

    package init(key: ErasureKey) {
        self.key = key
    }

    /// What is wrong with `stored` as the next link of the chain (its number, its text, its hash), or nil.
    package func chainProblem(_ stored: LedgerStoredEntry) -> String? {
        if stored.seq != self.expected {
            return "is missing: the chain goes from entry \(self.expected - 1) to entry \(stored.seq) (an entry was deleted)"
        }
        guard let inner = LedgerEncoding.sequence(in: stored.entry) else {
            return "cannot be read as a version-1 entry (its text was changed)"
        }
        if inner != stored.seq {
            return "holds the content of entry \(inner): entries were swapped or reordered"
        }
        if LedgerEncoding.chainHash(previous: self.previous, entry: stored.entry) != stored.hash {
            return "does not hash to its stored hash from the previous entry's hash: the entry or its hash was changed"
        }
        return nil
    }

    /// Why the source row (nil when missing) no longer matches `stored`, or nil when it does.
    ///
    /// - Parameter erasureRecorded: whether an `erasure` consent event exists for a stored number at a time.
    package func sourceProblem(
        _ stored: LedgerStoredEntry, row: LedgerSourceRow?, erasureRecorded: (String, Int64) throws -> Bool
    ) rethrows -> String? {
        let (kind, id) = (stored.kind, stored.sourceID)
        guard let fields = LedgerEncoding.fields(kind) else { return "has an unknown kind '\(kind)'" }
        let table = "\(kind)_event"
        guard let row else { return "refers to \(table):\(id), which is missing (the row was deleted)" }
        let values = (0..<fields.count).map { $0 < row.values.count ? row.values[$0].databaseValue : .null }
        var preserved: String??
        if let erasedAt = row.erasedAt {
            if let problem = try Self.erasedProblem(id: id, erasedAt: erasedAt, fields: fields, values: values, erasureRecorded: erasureRecorded) {
                return problem
            }
            preserved = .some(Self.parse(stored.entry)[LedgerEncoding.personalKey] as? String)
        }
        let expected = LedgerEncoding.entry(
            kind: kind, seq: stored.seq, id: id, at: row.occurredAt, values: values, key: self.key, preserved: preserved
        )
        guard expected != stored.entry else { return nil }
        let have = Self.parse(expected)
        let had = Self.parse(stored.entry)
        let differing = Set(have.keys).union(had.keys).sorted().filter { "\(have[$0] ?? "absent")" != "\(had[$0] ?? "absent")" }
        let personal = fields.filter { $0.treatment == .personal }.map(\.column).joined(separator: ", ")
        let named = differing.map { name in
            switch name {
            case "phone": "phone (its keyed hash; or the erasure key is not the one the ledger was written with)"
            case LedgerEncoding.personalKey: "personal fields (\(personal): their keyed hash)"
            default: name
            }
        }
        return "\(table):\(id) no longer matches its entry: \(named.isEmpty ? "the encoding" : named.joined(separator: ", ")) differ"
    }

    /// An erased consent row must hold no personal field, carry its number's `hmac:` stand-in, and have the
    /// `erasure` event that blanked it (same number, same instant): blanking evidence without an erasure is
    /// tampering.
    static func erasedProblem(
        id: Int64, erasedAt: Int64, fields: [LedgerEncoding.Field], values: [DatabaseValue], erasureRecorded: (String, Int64) throws -> Bool
    ) rethrows -> String? {
        for column in LedgerEncoding.erasableConsentColumns {
            guard let index = fields.firstIndex(where: { $0.column == column }) else { continue }
            if !values[index].isNull { return "consent_event:\(id) is marked erased but still holds \(column)" }
        }
        guard let stored = String.fromDatabaseValue(values[0]), stored.hasPrefix("hmac:") else {
            return "consent_event:\(id) is marked erased but still holds its number"
        }
        guard try erasureRecorded(stored, erasedAt) else {
            return "consent_event:\(id) was blanked (erased_at set) without an erasure of its number at that time"
        }
        return nil
    }

    /// Takes `stored` as checked: it becomes the previous link.
    package mutating func accept(_ stored: LedgerStoredEntry) {
        self.previous = stored.hash
        self.head = LedgerHead(seq: stored.seq, hash: stored.hash)
        self.expected += 1
        self.count += 1
    }

    /// The result naming `message` about `stored`.
    package func failure(_ stored: LedgerStoredEntry, _ message: String) -> LedgerVerification {
        LedgerVerification(
            entries: self.count, head: self.head,
            problem: LedgerProblem(seq: self.expected, kind: stored.kind, source: "\(stored.kind)_event:\(stored.sourceID)", message: message)
        )
    }

    /// The result naming a source row that has no entry at all.
    package func orphan(kind: String, id: Int64) -> LedgerVerification {
        let message = "has no ledger entry: its entry was deleted (from the end of the chain) or the row was written around the ledger"
        return LedgerVerification(
            entries: self.count, head: self.head, problem: LedgerProblem(seq: self.expected, kind: kind, source: "\(kind)_event:\(id)", message: message)
        )
    }

    /// The result when nothing is wrong.
    package var intact: LedgerVerification { LedgerVerification(entries: self.count, head: self.head, problem: nil) }

    static func parse(_ entry: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(entry.utf8)) as? [String: Any]) ?? [:]
    }
}
