import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore: DeliveryReceiptStore {
    /// How long a receipt for an unknown carrier message id waits for its send to be recorded.
    static let pendingReceiptLifetimeMS: Int64 = 24 * 3600 * 1000

    /// Applies a receipt to its message (locked, so two receipts of one message at once apply in turn,
    /// forward only). A receipt for a carrier message id no message has yet (the carrier answered before
    /// the send was recorded) is kept in `carrier_receipt_pending` for a day and applied when the send is
    /// recorded (``markSent(_:carrier:carrierMessageID:now:)``, ``recordOutcomes(_:now:)``).
    public func applyDeliveryReceipt(_ receipt: DeliveryReceipt, now: Date) async throws -> DeliveryReceiptOutcome {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            try await session.lockReceipts([(receipt.carrier, receipt.carrierMessageID)])
            if let outcome = try await session.applyReceipt(receipt, at: nowMS) { return outcome }
            try await session.execute(
                "DELETE FROM carrier_receipt_pending WHERE received_at < \(nowMS - Self.pendingReceiptLifetimeMS)"
            )
            try await session.execute(
                """
                INSERT INTO carrier_receipt_pending AS p
                    (carrier, carrier_message_id, state, rank, carrier_status, error_code, opted_out, received_at)
                VALUES (\(receipt.carrier), \(receipt.carrierMessageID), \(receipt.state.rawValue), \(receipt.state.rank),
                    \(receipt.carrierStatus), \(receipt.errorCode), \(receipt.recipientOptedOut ? 1 : 0), \(nowMS))
                ON CONFLICT (carrier, carrier_message_id) DO UPDATE SET
                    state = CASE WHEN excluded.rank > p.rank THEN excluded.state ELSE p.state END,
                    carrier_status = CASE WHEN excluded.rank > p.rank THEN excluded.carrier_status ELSE p.carrier_status END,
                    error_code = COALESCE(excluded.error_code, p.error_code),
                    opted_out = GREATEST(p.opted_out, excluded.opted_out),
                    rank = GREATEST(p.rank, excluded.rank)
                """
            )
            return .unknown
        }
    }

    /// The stored status and reason of the message a carrier knows by `carrierMessageID` (tests, diagnostics).
    public func outboundStatus(carrier: String, carrierMessageID: String) async throws -> (status: String, reason: String?)? {
        try await self.read { session in
            try await session.row(
                "SELECT status, reason FROM outbound_message WHERE carrier = \(carrier) AND carrier_message_id = \(carrierMessageID)"
            ).map { (try $0.get("status", as: String.self), try $0.get("reason", as: String?.self)) }
        }
    }
}

extension PostgresSession {
    /// Applies a receipt to its message, forward only; a carrier-reported opt-out suppresses the number with a
    /// consent event (even when the state itself is ignored). Returns nil when no message has that id.
    func applyReceipt(_ receipt: DeliveryReceipt, at nowMS: Int64) async throws -> DeliveryReceiptOutcome? {
        guard
            let row = try await self.row(
                """
                SELECT id, status, phone FROM outbound_message
                WHERE carrier = \(receipt.carrier) AND carrier_message_id = \(receipt.carrierMessageID)
                ORDER BY id LIMIT 1 FOR UPDATE
                """
            )
        else { return nil }
        let id = try row.get("id", as: Int64.self)
        let phone = try row.get("phone", as: String.self)
        var outcome = DeliveryReceiptOutcome.ignored
        if let state = receipt.state.applied(to: try row.get("status", as: String.self)) {
            try await self.execute(
                """
                UPDATE outbound_message SET status = \(state.rawValue), reason = \(receipt.reason), lease_until = NULL,
                    updated_at = \(nowMS) WHERE id = \(id)
                """
            )
            outcome = .applied
        }
        if receipt.recipientOptedOut, try await self.suppress(phone, source: .carrier, at: nowMS) {
            try await self.append(
                ConsentEntry(
                    phone: phone, action: .optOut, source: .carrier,
                    rawText: "carrier receipt \(receipt.carrierStatus)" + (receipt.errorCode.map { " error \($0)" } ?? ""),
                    occurredAt: nowMS
                )
            )
            try await self.audit("carrier.opt_out", actor: receipt.carrier, subject: "outbound_message:\(id)", detail: receipt.errorCode, at: nowMS)
        }
        return outcome
    }

    /// Applies the receipts that arrived before their message's send was recorded (call it after recording
    /// sends, in the same transaction). Each pending receipt is taken once: `DELETE … RETURNING` under its
    /// row lock, so two instances never both apply it.
    func applyPendingReceipts(at nowMS: Int64) async throws {
        let rows = try await self.rows(
            """
            DELETE FROM carrier_receipt_pending p USING outbound_message o
            WHERE o.carrier = p.carrier AND o.carrier_message_id = p.carrier_message_id
            RETURNING p.carrier, p.carrier_message_id, p.state, p.carrier_status, p.error_code, p.opted_out
            """
        )
        for row in rows {
            guard let state = DeliveryState(rawValue: try row.get("state")) else { continue }
            let receipt = DeliveryReceipt(
                carrier: try row.get("carrier"), carrierMessageID: try row.get("carrier_message_id"), state: state,
                carrierStatus: try row.get("carrier_status"), errorCode: try row.get("error_code", as: String?.self),
                recipientOptedOut: try row.get("opted_out", as: Int.self) == 1
            )
            _ = try await self.applyReceipt(receipt, at: nowMS)
        }
    }

    /// Takes a transaction-scoped advisory lock per carrier message id, in key order. A receipt takes it
    /// before looking for its message, and recording a send takes it before writing the carrier id (before
    /// the message's row lock, in both): so a receipt and its send recorded at the same moment on two
    /// instances go one after the other, and either the receipt finds the committed send or the send finds
    /// the committed pending receipt; neither is left waiting.
    func lockReceipts(_ ids: [(carrier: String, carrierMessageID: String)]) async throws {
        guard !ids.isEmpty else { return }
        let keys = Set(ids.map { Self.receiptLockKey(carrier: $0.carrier, carrierMessageID: $0.carrierMessageID) }).sorted()
        try await self.execute("SELECT pg_advisory_xact_lock(k) FROM unnest(\(keys)::bigint[]) WITH ORDINALITY AS t(k, n) ORDER BY n")
    }

    /// The lock key of a carrier message id: 64-bit FNV-1a of carrier, a zero byte and the id (the same in
    /// every instance, unlike Swift's seeded `Hasher`).
    static func receiptLockKey(carrier: String, carrierMessageID: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in Array(carrier.utf8) + [0] + Array(carrierMessageID.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }
}
