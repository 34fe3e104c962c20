import Foundation
import GRDB
import TocsinCore

/// What a bulk claim decided on its snapshot, applied in one short write transaction.
///
/// The snapshot may be a few milliseconds old when the plan is applied, so ``apply(_:)`` re-checks
/// everything that may have changed meanwhile: the pauses, and each message's row (still `queued` or
/// `deferred`, and not leased). An opt-out committed after the snapshot is stopped at the send by the
/// suppression guard, as it is for any message already claimed.
struct BulkClaimPlan: Sendable {
    /// A message to lease and send.
    struct Lease: Sendable {
        var message: ClaimedMessage
        var campaignID: Int64
        /// The subscriber whose opt-out reminder this message carries (stamped with the lease).
        var remindedSubscriber: Int64?
    }

    let nowMS: Int64
    let leaseMS: Int64
    var leases: [Lease] = []
    var closes: [(id: Int64, status: String, reason: String)] = []
    var defers: [(id: Int64, until: Int64, reason: String)] = []

    var isEmpty: Bool { self.leases.isEmpty && self.closes.isEmpty && self.defers.isEmpty }

    /// Every row the plan decided.
    var rowIDs: [Int64] { self.closes.map(\.id) + self.defers.map(\.id) + self.leases.map(\.message.sms.id) }

    /// The plan cut into parts of at most `size` rows each (closes, then deferrals, then leases, in plan
    /// order), each to apply in its own transaction. An empty plan has no parts.
    func parts(of size: Int) -> [BulkClaimPlan] {
        var parts: [BulkClaimPlan] = []
        var part = BulkClaimPlan(nowMS: self.nowMS, leaseMS: self.leaseMS)
        var rows = 0
        func take() {
            rows += 1
            if rows == size {
                parts.append(part)
                part = BulkClaimPlan(nowMS: self.nowMS, leaseMS: self.leaseMS)
                rows = 0
            }
        }
        for close in self.closes {
            part.closes.append(close)
            take()
        }
        for deferral in self.defers {
            part.defers.append(deferral)
            take()
        }
        for lease in self.leases {
            part.leases.append(lease)
            take()
        }
        if rows > 0 { parts.append(part) }
        return parts
    }

    /// Applies the plan: nothing while sending is paused; closes and deferrals of rows still due; leases
    /// for rows still due, with their rendered bodies; the reminder stamps of the leased messages. Returns
    /// the messages leased, in plan order.
    func apply(_ db: Database) throws -> [ClaimedMessage] {
        let paused = Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT campaign_id FROM dispatch_pause")))
        if paused.contains(0) { return [] }
        for close in self.closes {
            try db.cachedStatement(sql: "UPDATE outbound_message SET status = ?, reason = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND \(Self.stillDue)")
                .execute(arguments: [close.status, close.reason, self.nowMS, close.id])
        }
        for deferral in self.defers {
            try db.cachedStatement(sql: "UPDATE outbound_message SET status = 'deferred', send_after = ?, reason = ?, updated_at = ? WHERE id = ? AND \(Self.stillDue)")
                .execute(arguments: [deferral.until, deferral.reason, self.nowMS, deferral.id])
        }
        let wanted = paused.isEmpty ? self.leases : self.leases.filter { !paused.contains($0.campaignID) }
        let taken = try self.insertLeases(wanted, db)
        let leased = taken.count == wanted.count ? wanted : wanted.filter { taken.contains($0.message.sms.id) }
        let reminded = leased.compactMap(\.remindedSubscriber)
        if !reminded.isEmpty {
            try db.cachedStatement(sql: "UPDATE subscriber SET last_reminder_at = ? WHERE id IN (SELECT value FROM json_each(?))")
                .execute(arguments: [self.nowMS, SQLValues.jsonArray(reminded)])
        }
        return leased.map(\.message)
    }

    /// The row is still waiting to be sent, and no claim holds it.
    static let stillDue = "status IN ('queued', 'deferred') AND id NOT IN (SELECT message_id FROM dispatch_lease)"

    /// Inserts the leases of the rows still due, up to 100 per statement; returns the ids leased.
    func insertLeases(_ leases: [Lease], _ db: Database) throws -> Set<Int64> {
        var taken = Set<Int64>(minimumCapacity: leases.count)
        for chunk in SQLValues.chunks(leases) {
            var arguments: [(any DatabaseValueConvertible)?] = [self.nowMS, self.nowMS + self.leaseMS]
            arguments.reserveCapacity(2 + 3 * chunk.count)
            for lease in chunk {
                arguments.append(lease.message.sms.id)
                arguments.append(lease.message.sms.body)
                arguments.append(lease.message.attempts)
            }
            let ids = try Int64.fetchCursor(db.cachedStatement(sql: Self.leaseSQL[chunk.count]), arguments: StatementArguments(arguments))
            while let id = try ids.next() { taken.insert(id) }
        }
        return taken
    }

    /// The lease inserts for 0...100 messages: ?1 now, ?2 the lease's end, then (id, body, attempts) per
    /// message. A row that is no longer queued or deferred gets no lease.
    static let leaseSQL = SQLValues.statements { count in
        """
        INSERT INTO dispatch_lease (message_id, leased_at, lease_until, body, attempts)
        SELECT v.column1, ?1, ?2, v.column2, v.column3 FROM (VALUES \(SQLValues.placeholders(rows: count, columns: 3, first: 3))) v
        WHERE EXISTS (SELECT 1 FROM outbound_message o WHERE o.id = v.column1 AND o.status IN ('queued', 'deferred'))
        ON CONFLICT (message_id) DO NOTHING RETURNING message_id
        """
    }
}
