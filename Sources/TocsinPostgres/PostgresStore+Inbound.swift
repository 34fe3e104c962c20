import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore: InboundStore {
    /// Commits a batch of inbound messages in one transaction, with the SQLite store's decisions and writes.
    /// When a message fails (its own data, not the server), the batch rolls back and each message is then
    /// committed alone, so it fails alone. (No savepoint per message: a batch holds up to 512 messages, and
    /// more than 64 subtransactions in one transaction slow every other session's snapshots.)
    ///
    /// Several instances: the transaction first locks the batch's numbers (a transaction-scoped advisory
    /// lock per number, in key order, then their subscriber rows in id order, as a bulk claim does). So two
    /// instances receiving the same carrier message at once store one row and queue one reply (the second
    /// waits, then finds the row), texts of one number are decided one after the other, and a claim that
    /// reaches the number after this commit reads its suppression.
    public func commitInbound(
        _ batch: [InboundWork],
        policy: InboundPolicy,
        renderer: any ReplyRendering,
        now: Date
    ) async throws -> [Result<InboundOutcome, StoreError>] {
        guard !batch.isEmpty else { return [] }
        let context = InboundContext(policy: policy, renderer: renderer, now: now)
        do {
            return try await self.transaction { session in
                try await session.lockNumbers(batch.map(\.message.from))
                var results: [Result<InboundOutcome, StoreError>] = []
                for work in batch {
                    do {
                        results.append(.success(try await session.applyInbound(work, context)))
                    } catch let error as PSQLError where error.serverInfo != nil && !Self.isRetryable(error) {
                        // This message's data failed a constraint: reported as invalid (kept apart from the
                        // server being unavailable).
                        throw StoreError(.invalid, Self.storeError(error).message)
                    }
                }
                return results
            }
        } catch let error as StoreError where error.kind == .invalid {
            guard batch.count > 1 else { return [.failure(error)] }
            var results: [Result<InboundOutcome, StoreError>] = []
            for work in batch {
                results += try await self.commitInbound([work], policy: policy, renderer: renderer, now: now)
            }
            return results
        }
    }

    public func isSuppressed(_ phone: PhoneNumber) async throws -> Bool {
        try await self.read { session in try await session.isSuppressed(phone.e164) }
    }

    /// Whether PostgreSQL aborted the transaction because of another one (deadlock, serialization failure):
    /// the whole transaction is then retried, never a single message.
    static func isRetryable(_ error: PSQLError) -> Bool {
        let state = error.serverInfo?[.sqlState]
        return state == "40P01" || state == "40001"
    }
}

extension PostgresSession {
    /// Locks the numbers of an inbound batch for the rest of the transaction: an advisory lock per number (its
    /// E.164 digits, negated, as key; sorted, so two batches never wait on each other in a cycle), then the
    /// subscriber rows of the known ones in id order (the order a bulk claim locks them in).
    func lockNumbers(_ phones: [PhoneNumber]) async throws {
        let distinct = Set(phones.map(\.e164))
        let keys = distinct.compactMap { Int64($0.dropFirst()).map { -$0 } }.sorted()
        try await self.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(\(keys)::bigint[]) WITH ORDINALITY AS t(k, n) ORDER BY n")
        try await self.execute("SELECT id FROM subscriber WHERE phone = ANY(\(Array(distinct))) ORDER BY id FOR UPDATE")
    }
}
