import Foundation
import GRDB
import PostgresNIO
@testable import TocsinPostgres
@testable import TocsinStore

extension EngineStore {
    /// The first column of every row of `sql`, as text (NULL as "nil"), in the query's order.
    func strings(_ sql: String) async throws -> [String] {
        if let sqlite = self.sqlite {
            return try await sqlite.writer.read { db in
                try Row.fetchAll(db, sql: sql).map { row in
                    let value: DatabaseValue = row[0]
                    return value.isNull ? "nil" : String(describing: value.storage.value ?? "nil")
                }
            }
        }
        return try await self.postgres!.read { session in
            try await session.rows(PostgresQuery(unsafeSQL: sql)).map { row in
                guard row[0].bytes != nil else { return "nil" }
                if let text = try? row[0].decode(String.self) { return text }
                return String(try row[0].decode(Int64.self))
            }
        }
    }

    /// The consent-ledger actions of `phone`, oldest first.
    func consentActions(_ phone: String) async throws -> [String] {
        try await self.strings("SELECT action FROM consent_event WHERE phone = '\(phone)' ORDER BY id")
    }
}
