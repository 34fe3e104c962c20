import Foundation
import PostgresNIO
import TocsinCore

/// The send fence's one read: is the number suppressed (and, for a call, did it press 9), in clear or by the
/// keyed hash an erasure leaves? Prepared once per connection; two primary-key probes per table.
struct SendFenceStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT EXISTS (SELECT 1 FROM suppression WHERE phone IN ($1, $2)) AS opted_out,
            $3 AND EXISTS (SELECT 1 FROM voice_suppression WHERE phone IN ($1, $2)) AS no_more_calls
        """
    static let bindingDataTypes: [PostgresDataType] = [.text, .text, .bool]
    typealias Row = (Bool, Bool)

    var phone: String
    var erasedPhone: String
    var voice: Bool

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 3)
        bindings.append(self.phone)
        bindings.append(self.erasedPhone)
        bindings.append(self.voice)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode((Bool, Bool).self)
    }
}

extension PostgresStore: SendFence {
    /// Reads the shared suppression lists right before a carrier call (see ``SendFence``): one prepared
    /// statement on a pooled connection, outside any transaction (it sees every committed opt-out).
    public func verdict(to e164: String, channel: TocsinCore.Channel) async throws -> SendFenceVerdict {
        let statement = SendFenceStatement(phone: e164, erasedPhone: self.erasureKey.erasedPhone(e164), voice: channel == .voice)
        let row: (Bool, Bool)? = try await self.read { session in
            let rows: AsyncThrowingMapSequence<PostgresRowSequence, (Bool, Bool)> = try await session.connection.execute(
                statement, logger: self.logger
            )
            for try await row in rows { return row }
            return nil
        }
        guard let (optedOut, noMoreCalls) = row else {
            throw StoreError(.unavailable, "the send fence read returned no row")
        }
        if optedOut { return .optedOut }
        return noMoreCalls ? .noMoreCalls : .clear
    }
}
