import Logging
import PostgresNIO
import TocsinCore
import TocsinStore

/// One leased connection, usually inside a transaction: the few query shapes the store needs.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    /// The ledger's key, for the keyed hash an erased number is stored under.
    let erasureKey: ErasureKey

    /// The stored stand-in of `phone` after an erasure (`hmac:<keyed hash>`).
    func erasedPhone(_ phone: String) -> String { self.erasureKey.erasedPhone(phone) }

    /// Every row of `query`, random access by column name.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await self.connection.query(query, logger: self.logger).collect().map { $0.makeRandomAccess() }
    }

    /// The first row, if any.
    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await self.rows(query).first
    }

    /// The first column of the first row (nil when there is no row or it is NULL).
    func value<Value: PostgresDecodable>(_ query: PostgresQuery, as type: Value.Type = Value.self) async throws -> Value? {
        guard let row = try await self.rows(query).first, row[0].bytes != nil else { return nil }
        return try row[0].decode(Value.self)
    }

    /// Runs a statement; returns how many rows it returned (use `RETURNING` to count changed rows).
    @discardableResult
    func execute(_ query: PostgresQuery) async throws -> Int {
        try await self.rows(query).count
    }

    /// Appends an audit record; call it inside the transaction of the change it records.
    func audit(_ action: String, actor: String, subject: String?, detail: String?, at now: Int64) async throws {
        try await self.execute(
            "INSERT INTO audit_event (occurred_at, actor, action, subject, detail) VALUES (\(now), \(actor), \(action), \(subject), \(detail))"
        )
    }
}

extension PostgresRandomAccessRow {
    /// The value of `column`, decoded (`String?` etc. for nullable columns).
    func get<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws -> Value {
        try self[column].decode(Value.self)
    }
}
