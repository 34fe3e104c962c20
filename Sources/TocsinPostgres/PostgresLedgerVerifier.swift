import PostgresNIO
import TocsinCore
import TocsinStore

/// The ledger verifier on PostgreSQL: reads the chain in sequence order, a batch at a time with the source
/// rows of each batch, inside one read-only repeatable-read snapshot, and hands every entry to
/// `LedgerChainCheck`, the logic the SQLite verifier uses, so both engines name the same first problem.
struct PostgresLedgerVerifier {
    let session: PostgresSession
    let key: ErasureKey
    let progress: (@Sendable (Int, Int) -> Void)?
    static let batch = 1_000

    /// An `erasure` consent event: its stored number and time.
    struct ErasureMark: Hashable {
        var phone: String
        var at: Int64
    }

    func run() async throws -> LedgerVerification {
        let total = try await self.session.value("SELECT COUNT(*) FROM ledger_entry", as: Int.self) ?? 0
        var check = LedgerChainCheck(key: self.key)
        var after = Int64.min
        while true {
            let entries = try await self.session.rows(
                "SELECT seq, kind, source_id, entry, hash FROM ledger_entry WHERE seq > \(after) ORDER BY seq LIMIT \(Self.batch)"
            ).map {
                LedgerStoredEntry(
                    seq: try $0.get("seq"), kind: try $0.get("kind"), sourceID: try $0.get("source_id"), entry: try $0.get("entry"),
                    hash: try $0.get("hash")
                )
            }
            guard let last = entries.last else { break }
            var sources: [String: [Int64: LedgerSourceRow]] = [:]
            for kind in ["consent", "audit"] {
                let ids = entries.filter { $0.kind == kind }.map(\.sourceID)
                if !ids.isEmpty { sources[kind] = try await self.sourceRows(kind: kind, ids: ids) }
            }
            let erasures = try await self.erasures(of: sources["consent"] ?? [:])
            for stored in entries {
                if let problem = check.chainProblem(stored) { return check.failure(stored, problem) }
                let row = sources[stored.kind]?[stored.sourceID]
                if let problem = check.sourceProblem(stored, row: row, erasureRecorded: { erasures.contains(ErasureMark(phone: $0, at: $1)) }) {
                    return check.failure(stored, problem)
                }
                check.accept(stored)
                if check.count % 10_000 == 0 { self.progress?(check.count, total) }
            }
            after = last.seq
        }
        self.progress?(check.count, total)
        for kind in ["consent", "audit"] {
            let orphan = try await self.session.value(
                """
                SELECT id FROM \(unescaped: kind)_event t
                WHERE NOT EXISTS (SELECT 1 FROM ledger_entry l WHERE l.kind = \(kind) AND l.source_id = t.id)
                ORDER BY id LIMIT 1
                """,
                as: Int64.self
            )
            if let orphan { return check.orphan(kind: kind, id: orphan) }
        }
        return check.intact
    }

    /// The chained columns of the rows of one kind with these ids, by id.
    func sourceRows(kind: String, ids: [Int64]) async throws -> [Int64: LedgerSourceRow] {
        guard let fields = LedgerEncoding.fields(kind) else { return [:] }
        let erased = kind == "consent" ? "erased_at" : "NULL::BIGINT"
        let columns = fields.map(\.column).joined(separator: ", ")
        let rows = try await self.session.rows(
            "SELECT id, occurred_at, \(unescaped: erased) AS erased_at, \(unescaped: columns) FROM \(unescaped: kind)_event WHERE id = ANY(\(ids))"
        )
        var found: [Int64: LedgerSourceRow] = [:]
        for row in rows {
            let values = try fields.map { field -> LedgerValue in
                let cell = row[field.column]
                guard cell.bytes != nil else { return .null }
                switch cell.dataType {
                case .int8, .int4, .int2: return .integer(try cell.decode(Int64.self))
                default: return .text(try cell.decode(String.self))
                }
            }
            let id: Int64 = try row.get("id")
            found[id] = LedgerSourceRow(
                occurredAt: try row.get("occurred_at"), erasedAt: try row.get("erased_at", as: Int64?.self), values: values
            )
        }
        return found
    }

    /// The `erasure` events of the numbers of the erased rows among `rows`.
    func erasures(of rows: [Int64: LedgerSourceRow]) async throws -> Set<ErasureMark> {
        let phones = rows.values.filter { $0.erasedAt != nil }.compactMap { row -> String? in
            if case .text(let phone) = row.values.first { return phone }
            return nil
        }
        guard !phones.isEmpty else { return [] }
        let found = try await self.session.rows(
            "SELECT phone, occurred_at FROM consent_event WHERE action = 'erasure' AND phone = ANY(\(Array(Set(phones))))"
        )
        return Set(try found.map { ErasureMark(phone: try $0.get("phone"), at: try $0.get("occurred_at")) })
    }
}
