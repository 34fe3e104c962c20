import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: DeliveryReceiptStore {
    /// How long a receipt for an unknown carrier message id waits for its send to be recorded.
    static let pendingReceiptLifetimeMS: Int64 = 24 * 3600 * 1000

    public func applyDeliveryReceipt(_ receipt: DeliveryReceipt, now: Date) async throws -> DeliveryReceiptOutcome {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            if let outcome = try db.applyReceipt(receipt, at: nowMS) { return outcome }
            try db.execute(
                sql: "DELETE FROM carrier_receipt_pending WHERE received_at < ?",
                arguments: [nowMS - Self.pendingReceiptLifetimeMS]
            )
            try db.execute(
                sql: """
                    INSERT INTO carrier_receipt_pending
                        (carrier, carrier_message_id, state, rank, carrier_status, error_code, opted_out, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (carrier, carrier_message_id) DO UPDATE SET
                        state = CASE WHEN excluded.rank > rank THEN excluded.state ELSE state END,
                        carrier_status = CASE WHEN excluded.rank > rank THEN excluded.carrier_status ELSE carrier_status END,
                        error_code = COALESCE(excluded.error_code, error_code),
                        opted_out = MAX(opted_out, excluded.opted_out),
                        rank = MAX(rank, excluded.rank)
                    """,
                arguments: [
                    receipt.carrier, receipt.carrierMessageID, receipt.state.rawValue, receipt.state.rank, receipt.carrierStatus,
                    receipt.errorCode, receipt.recipientOptedOut, nowMS,
                ]
            )
            return .unknown
        }
    }

    /// The stored status and reason of the message a carrier knows by `carrierMessageID` (tests, diagnostics).
    public func outboundStatus(carrier: String, carrierMessageID: String) async throws -> (status: String, reason: String?)? {
        try await self.writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT status, reason FROM outbound_message WHERE carrier = ? AND carrier_message_id = ?",
                arguments: [carrier, carrierMessageID]
            ).map { ($0[0], $0[1]) }
        }
    }
}

extension Database {
    /// Applies a receipt to its message, forward only; a carrier-reported opt-out suppresses the number with
    /// a consent event (even when the state itself is ignored). Returns nil when no message has that id.
    func applyReceipt(_ receipt: DeliveryReceipt, at nowMS: Int64) throws -> DeliveryReceiptOutcome? {
        guard
            let row = try Row.fetchOne(
                self.cachedStatement(sql: "SELECT id, status, phone FROM outbound_message WHERE carrier = ? AND carrier_message_id = ?"),
                arguments: [receipt.carrier, receipt.carrierMessageID]
            )
        else { return nil }
        let id: Int64 = row[0]
        let status: String = row[1]
        let phone: String = row[2]
        var outcome = DeliveryReceiptOutcome.ignored
        if let state = receipt.state.applied(to: status) {
            try self.run(
                "UPDATE outbound_message SET status = ?, reason = ?, lease_until = NULL, updated_at = ? WHERE id = ?",
                [state.rawValue, receipt.reason, nowMS, id]
            )
            outcome = .applied
        }
        if receipt.recipientOptedOut, try self.suppress(phone, source: .carrier, at: nowMS) {
            try self.append(
                ConsentEntry(
                    phone: phone, action: .optOut, source: .carrier,
                    rawText: "carrier receipt \(receipt.carrierStatus)" + (receipt.errorCode.map { " error \($0)" } ?? ""),
                    occurredAt: nowMS
                )
            )
            try self.audit("carrier.opt_out", actor: receipt.carrier, subject: "outbound_message:\(id)", detail: receipt.errorCode, at: nowMS)
        }
        return outcome
    }

    /// Applies receipts that arrived before their message's send was recorded (called after recording sends).
    func applyPendingReceipts(at nowMS: Int64) throws {
        guard try Bool.fetchOne(self.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM carrier_receipt_pending)")) == true else {
            return
        }
        let rows = try Row.fetchAll(
            self,
            sql: """
                SELECT p.carrier, p.carrier_message_id, p.state, p.carrier_status, p.error_code, p.opted_out
                FROM carrier_receipt_pending p JOIN outbound_message o
                    ON o.carrier = p.carrier AND o.carrier_message_id = p.carrier_message_id
                """
        )
        for row in rows {
            guard let state = DeliveryState(rawValue: row[2]) else { continue }
            let receipt = DeliveryReceipt(
                carrier: row[0], carrierMessageID: row[1], state: state, carrierStatus: row[3], errorCode: row[4],
                recipientOptedOut: row[5]
            )
            _ = try self.applyReceipt(receipt, at: nowMS)
            try self.execute(
                sql: "DELETE FROM carrier_receipt_pending WHERE carrier = ? AND carrier_message_id = ?",
                arguments: [receipt.carrier, receipt.carrierMessageID]
            )
        }
    }
}
