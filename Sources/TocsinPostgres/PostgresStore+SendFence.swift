import Foundation
import Logging
import PostgresNIO
import TocsinCore
import TocsinStore

/// The send fence's one statement for a batch of checks: for each number, is it suppressed (and, for a call,
/// did it press 9), in clear or by the keyed hash an erasure leaves? Two primary-key probes per table and row.
struct SendFenceStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT p.phone, p.voice,
            EXISTS (SELECT 1 FROM suppression WHERE phone IN (p.phone, p.erased)) AS opted_out,
            p.voice AND EXISTS (SELECT 1 FROM voice_suppression WHERE phone IN (p.phone, p.erased)) AS no_more_calls
        FROM unnest($1::text[], $2::text[], $3::bool[]) AS p(phone, erased, voice)
        """
    static let bindingDataTypes: [PostgresDataType] = [.textArray, .textArray, .boolArray]
    typealias Row = (String, Bool, Bool, Bool)

    var phones: [String]
    var erasedPhones: [String]
    var voice: [Bool]

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 3)
        bindings.append(self.phones)
        bindings.append(self.erasedPhones)
        bindings.append(self.voice)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode((String, Bool, Bool, Bool).self)
    }
}

/// Runs ``SendFenceStatement`` on a pooled connection, outside any transaction (it sees every committed
/// opt-out). Holds what it needs of the store rather than the store (which owns the batcher that owns this).
struct SendFenceReader: Sendable {
    let client: PostgresClient
    let logger: Logger
    let erasureKey: ErasureKey
    let url: PostgresURL

    func read(_ requests: [SendFenceBatcher.Request]) async throws -> [SendFenceBatcher.Request: SendFenceVerdict] {
        let statement = SendFenceStatement(
            phones: requests.map(\.phone), erasedPhones: requests.map { self.erasureKey.erasedPhone($0.phone) },
            voice: requests.map(\.voice)
        )
        do {
            return try await self.client.withConnection { connection in
                var verdicts: [SendFenceBatcher.Request: SendFenceVerdict] = [:]
                let rows = try await connection.execute(statement, logger: self.logger)
                for try await (phone, voice, optedOut, noMoreCalls) in rows {
                    verdicts[SendFenceBatcher.Request(phone: phone, voice: voice)] = optedOut ? .optedOut : noMoreCalls ? .noMoreCalls : .clear
                }
                return verdicts
            }
        } catch let error as PSQLError {
            throw PostgresStore.storeError(error)
        } catch let error as StoreError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw StoreError(.unavailable, "PostgreSQL at \(self.url) is unavailable: \(error)")
        }
    }
}

extension PostgresStore: SendFence {
    /// Reads the shared suppression lists right before a carrier call (see ``SendFence``). The checks waiting
    /// at one moment share one statement (``SendFenceBatcher``); each is answered by a read that started after
    /// it was requested.
    public func verdict(to e164: String, channel: TocsinCore.Channel) async throws -> SendFenceVerdict {
        try await self.sendFenceBatcher.verdict(to: e164, channel: channel)
    }

    /// Send-fence checks requested on this store so far, and the database reads that answered them.
    public var sendFenceCounts: (checks: Int, reads: Int) { self.sendFenceBatcher.counts }
}
