import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    /// Records a claimed batch's outcomes and ends its leases. Sent rows take the body
    /// and attempt count their claim decided from the lease in the same statement that marks them sent; every
    /// other row takes them first, then its outcome.
    ///
    /// A large batch is recorded in transactions of at most ``writeChunk`` outcomes, one after the other, so an
    /// opt-out's commit never waits behind more than one of them.
    public func recordOutcomes(_ outcomes: [DispatchOutcome], now: Date) async throws {
        _ = try await self.recordThenTake(outcomes, nil, now: now)
    }

    /// The most rows a dispatch write (a claim's leases, a batch's outcomes) changes in one transaction: a
    /// batch of up to 200 is written in one. An opt-out's commit waits behind at most one such transaction
    /// (STOP p99 6.4-9.4 ms on the 1M-message benchmark with batches of 200). Transactions of 100 for batches
    /// of 200 cost a sixth of the rate (43,000-44,900 against 53,000-56,800 msgs/s): each commit writes its
    /// pages to the log and flushes it.
    static let writeChunk = 2 * SQLValues.maxRows

    func recordChunk(_ outcomes: ArraySlice<DispatchOutcome>, now: Date) async throws {
        try await self.writer.write { db in try db.record(outcomes, at: now.millisecondsSince1970) }
    }

    /// The replies and calls left `sending` (bulk texts are leased instead), each found through its index.
    static let sendingSQL = """
        id IN (SELECT id FROM outbound_message WHERE status = 'sending' AND lane = 'reply'
               UNION ALL SELECT id FROM outbound_message WHERE status = 'sending' AND lane = 'bulk' AND channel = 'voice')
        """

    static let inDoubtReason = "in doubt: its carrier call was in flight at a crash; not resent (dispatch.crash_policy at_most_once)"
    static let requeuedReason = "requeued after a crash (dispatch.crash_policy at_least_once)"

    /// Deals with the texts still leased and the replies and calls still `sending` when the process stopped.
    public func recoverInFlight(policy: CrashPolicy, now: Date) async throws -> Int {
        try await self.recoverInFlight(policy: policy, journal: nil, now: now)
    }

    /// With the send journal's facts, first puts back the leased texts whose call never started (their rows
    /// were never changed: the lease goes, the row is due again) and records as sent those the carrier
    /// accepted; the crash policy then applies to the rest. Only leases taken since the journal was last
    /// emptied are judged by it.
    public func recoverInFlight(policy: CrashPolicy, journal: SendJournalFacts?, now: Date) async throws -> Int {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            if let journal {
                let leasedIDs = try Int64.fetchAll(
                    db, sql: "SELECT message_id FROM dispatch_lease WHERE leased_at >= ?", arguments: [journal.since.millisecondsSince1970]
                )
                let accepted = leasedIDs.compactMap { id in journal.accepted[id].map { (id: id, carrier: $0.carrier, carrierMessageID: $0.carrierMessageID) } }
                let neverStarted = leasedIDs.filter { !journal.started.contains($0) }
                try db.markSent(accepted, at: nowMS)
                try db.endLeases(accepted.map(\.id) + neverStarted)
                if !accepted.isEmpty || !neverStarted.isEmpty {
                    try db.audit(
                        "dispatch.recovered_from_journal", actor: "dispatcher", subject: nil,
                        detail: "\(accepted.count) sent, \(neverStarted.count) not started", at: nowMS
                    )
                }
            }
            // Leased texts first (their rows take the claim's body and attempts), then replies and calls left `sending`.
            let leased = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dispatch_lease") ?? 0
            let sending: Int
            switch policy {
            case .atMostOnce:
                try db.execute(
                    sql: """
                        UPDATE outbound_message SET status = 'failed', in_doubt = 1, lease_until = NULL, updated_at = ?1,
                            body = l.body, attempts = l.attempts, reason = ?2
                        FROM dispatch_lease l WHERE l.message_id = outbound_message.id
                        """,
                    arguments: [nowMS, Self.inDoubtReason]
                )
                try db.execute(
                    sql: "UPDATE outbound_message SET status = 'failed', in_doubt = 1, lease_until = NULL, updated_at = ?, reason = ? WHERE \(Self.sendingSQL)",
                    arguments: [nowMS, Self.inDoubtReason]
                )
                sending = db.changesCount
            case .atLeastOnce:
                try db.execute(
                    sql: """
                        UPDATE outbound_message SET status = 'queued', send_after = ?1, lease_until = NULL, updated_at = ?1,
                            body = l.body, attempts = l.attempts, reason = ?2
                        FROM dispatch_lease l WHERE l.message_id = outbound_message.id
                        """,
                    arguments: [nowMS, Self.requeuedReason]
                )
                try db.execute(
                    sql: """
                        UPDATE outbound_message SET status = 'queued', send_after = ?, lease_until = NULL, updated_at = ?, reason = ?
                        WHERE \(Self.sendingSQL)
                        """,
                    arguments: [nowMS, nowMS, Self.requeuedReason]
                )
                sending = db.changesCount
            }
            try db.execute(sql: "DELETE FROM dispatch_lease")
            let count = leased + sending
            if count > 0 {
                try db.audit("dispatch.recovered", actor: "dispatcher", subject: nil, detail: "\(count) \(policy.rawValue)", at: nowMS)
            }
            return count
        }
    }

    public func inDoubtMessages(limit: Int) async throws -> [InDoubtMessage] {
        try await self.writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.id, o.phone, o.kind, o.updated_at, o.attempts, c.slug FROM outbound_message o
                    LEFT JOIN campaign c ON c.id = o.campaign_id WHERE o.in_doubt = 1 ORDER BY o.id DESC LIMIT ?
                    """,
                arguments: [limit]
            ).map { row in
                let phone: String = row["phone"]
                return InDoubtMessage(
                    id: row["id"], to: PhoneNumber(e164: phone)?.masked ?? "invalid", kind: row["kind"], campaign: row["slug"],
                    markedAt: Date(millisecondsSince1970: row["updated_at"]), attempts: row["attempts"]
                )
            }
        }
    }

    public func setDispatchPaused(_ paused: Bool, campaignID: Int64?, actor: String, now: Date) async throws {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            let key = campaignID ?? 0
            if paused {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO dispatch_pause (campaign_id, paused_at, actor) VALUES (?, ?, ?)",
                    arguments: [key, nowMS, actor]
                )
            } else {
                try db.execute(sql: "DELETE FROM dispatch_pause WHERE campaign_id = ?", arguments: [key])
            }
            try db.audit(
                paused ? "dispatch.pause" : "dispatch.resume", actor: actor,
                subject: campaignID.map { "campaign:\($0)" } ?? "dispatch", detail: nil, at: nowMS
            )
        }
    }

    public func dispatchPauses() async throws -> (global: Bool, campaigns: [Int64]) {
        try await self.writer.read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT campaign_id FROM dispatch_pause ORDER BY campaign_id")
            return (ids.contains(0), ids.filter { $0 != 0 })
        }
    }
}

extension Database {
    /// Records outcomes of claimed messages and ends their leases, in the caller's transaction.
    func record(_ outcomes: ArraySlice<DispatchOutcome>, at nowMS: Int64) throws {
        guard !outcomes.isEmpty else { return }
        var sent: [(id: Int64, carrier: String, carrierMessageID: String)] = []
        sent.reserveCapacity(outcomes.count)
        var unsent: [Int64] = []
        for outcome in outcomes {
            if case .sent(let carrier, let carrierMessageID) = outcome.result {
                sent.append((outcome.id, carrier, carrierMessageID))
            } else {
                unsent.append(outcome.id)
            }
        }
        try self.takeLeases(unsent)
        for outcome in outcomes {
            switch outcome.result {
            case .sent:
                continue
            case .retry(let at, let carrier, let error):
                try self.run(
                    """
                    UPDATE outbound_message SET status = 'queued', send_after = ?, carrier = ?, reason = ?,
                        lease_until = NULL, updated_at = ? WHERE id = ?
                    """,
                    [at.millisecondsSince1970, carrier, "retry: \(error.description)", nowMS, outcome.id]
                )
            case .failed(let carrier, let error):
                try self.recordCarrierFailure(outcome.id, carrier: carrier, error: error, at: nowMS)
            case .closed(let status, let reason):
                try self.close(outcome.id, status: status.rawValue, reason: reason, at: nowMS)
            case .deferred(let until, let reason):
                // Not an attempt: the row keeps its attempt count (taken from the lease, less the claim's).
                try self.run(
                    """
                    UPDATE outbound_message SET status = 'deferred', send_after = ?, reason = ?, attempts = MAX(attempts - 1, 0),
                        lease_until = NULL, updated_at = ? WHERE id = ?
                    """,
                    [until.millisecondsSince1970, reason, nowMS, outcome.id]
                )
            }
        }
        try self.markSent(sent, at: nowMS)
        try self.endLeases(outcomes.map(\.id))
        try self.applyPendingReceipts(at: nowMS)
    }

    /// Copies the claim's body and attempt count from the leases of these messages to their rows.
    func takeLeases(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try self.cachedStatement(
            sql: """
                UPDATE outbound_message SET body = l.body, attempts = l.attempts
                FROM dispatch_lease l WHERE l.message_id = outbound_message.id AND l.message_id IN (SELECT value FROM json_each(?))
                """
        ).execute(arguments: [SQLValues.jsonArray(ids)])
    }

    /// Ends the leases of these messages (their outcome is recorded in the same transaction).
    func endLeases(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try self.cachedStatement(sql: "DELETE FROM dispatch_lease WHERE message_id IN (SELECT value FROM json_each(?))")
            .execute(arguments: [SQLValues.jsonArray(ids)])
    }

    /// Records the carrier's acceptance of sent messages, up to 100 rows per statement; a leased message takes
    /// its claim's body and attempt count from its lease.
    func markSent(_ rows: [(id: Int64, carrier: String, carrierMessageID: String)], at nowMS: Int64) throws {
        for chunk in SQLValues.chunks(rows) {
            var arguments: [(any DatabaseValueConvertible)?] = [nowMS]
            arguments.reserveCapacity(1 + 3 * chunk.count)
            for row in chunk {
                arguments.append(row.id)
                arguments.append(row.carrier)
                arguments.append(row.carrierMessageID)
            }
            try self.cachedStatement(sql: Self.markSentSQL[chunk.count]).execute(arguments: StatementArguments(arguments))
        }
    }

    /// The statements of ``markSent(_:at:)`` by row count: ?1 now, then (id, carrier, carrier message id) per row.
    static let markSentSQL = SQLValues.statements { count in
        """
        WITH v(id, carrier, carrier_message_id) AS (VALUES \(SQLValues.placeholders(rows: count, columns: 3, first: 2)))
        UPDATE outbound_message SET status = 'sent', carrier = v.carrier, carrier_message_id = v.carrier_message_id,
            body = COALESCE(l.body, outbound_message.body), attempts = COALESCE(l.attempts, outbound_message.attempts),
            reason = NULL, sent_at = ?1, lease_until = NULL, updated_at = ?1
        FROM v LEFT JOIN dispatch_lease l ON l.message_id = v.id WHERE outbound_message.id = v.id
        """
    }

    /// Records a carrier's refusal; a carrier-reported opt-out also suppresses the number with a consent event.
    func recordCarrierFailure(_ id: Int64, carrier: String, error: CarrierError, at nowMS: Int64) throws {
        try self.execute(
            sql: "UPDATE outbound_message SET status = 'failed', carrier = ?, reason = ?, lease_until = NULL, updated_at = ? WHERE id = ?",
            arguments: [carrier, error.description, nowMS, id]
        )
        guard error.kind == .recipientOptedOut,
            let phone = try String.fetchOne(self, sql: "SELECT phone FROM outbound_message WHERE id = ?", arguments: [id])
        else { return }
        if try self.suppress(phone, source: .carrier, at: nowMS) {
            try self.append(
                ConsentEntry(
                    phone: phone, action: .optOut, source: .carrier, rawText: error.code.map { "carrier error \($0)" },
                    occurredAt: nowMS
                )
            )
            try self.audit("carrier.opt_out", actor: carrier, subject: "outbound_message:\(id)", detail: error.code, at: nowMS)
        }
    }
}
