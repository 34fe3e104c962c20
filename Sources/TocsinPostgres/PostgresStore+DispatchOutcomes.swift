import Foundation
import PostgresNIO
import TocsinCore

extension PostgresStore {
    public func recordOutcomes(_ outcomes: [DispatchOutcome], now: Date) async throws {
        guard !outcomes.isEmpty else { return }
        let nowMS = now.millisecondsSince1970
        try await self.transaction { session in
            var sent: [(id: Int64, carrier: String, carrierMessageID: String)] = []
            for outcome in outcomes {
                switch outcome.result {
                case .sent(let carrier, let carrierMessageID):
                    sent.append((outcome.id, carrier, carrierMessageID))
                case .retry(let at, let carrier, let error):
                    try await session.execute(
                        """
                        UPDATE outbound_message SET status = 'queued', send_after = \(at.millisecondsSince1970), carrier = \(carrier),
                            reason = \("retry: \(error.description)"), lease_until = NULL, updated_at = \(nowMS) WHERE id = \(outcome.id)
                        """
                    )
                case .failed(let carrier, let error):
                    try await session.recordCarrierFailure(outcome.id, carrier: carrier, error: error, at: nowMS)
                case .closed(let status, let reason):
                    try await session.close(outcome.id, status: status.rawValue, reason: reason, at: nowMS)
                case .deferred(let until, let reason):
                    // Not an attempt: the claim counted one, which is given back.
                    try await session.execute(
                        """
                        UPDATE outbound_message SET status = 'deferred', send_after = \(until.millisecondsSince1970), reason = \(reason),
                            attempts = GREATEST(attempts - 1, 0), lease_until = NULL, updated_at = \(nowMS) WHERE id = \(outcome.id)
                        """
                    )
                }
            }
            if !sent.isEmpty {
                try await session.lockReceipts(sent.map { ($0.carrier, $0.carrierMessageID) })
                // The sends (most outcomes) in one statement.
                try await session.execute(
                    """
                    UPDATE outbound_message o SET status = 'sent', carrier = v.carrier, carrier_message_id = v.carrier_message_id,
                        sent_at = \(nowMS), lease_until = NULL, updated_at = \(nowMS)
                    FROM unnest(\(sent.map(\.id))::bigint[], \(sent.map(\.carrier))::text[], \(sent.map(\.carrierMessageID))::text[])
                        AS v(id, carrier, carrier_message_id)
                    WHERE o.id = v.id
                    """
                )
                try await session.applyPendingReceipts(at: nowMS)
            }
        }
    }

    /// Deals with messages left `sending`. With several instances on one database, only rows whose lease has
    /// run out (or that have none: replies) are taken, so another live instance's claims are left alone.
    public func recoverInFlight(policy: CrashPolicy, now: Date) async throws -> Int {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            let count: Int
            switch policy {
            case .atMostOnce:
                count = try await session.execute(
                    """
                    UPDATE outbound_message SET status = 'failed', in_doubt = 1, lease_until = NULL, updated_at = \(nowMS),
                        reason = 'in doubt: its carrier call was in flight at a crash; not resent (dispatch.crash_policy at_most_once)'
                    WHERE status = 'sending' AND (lease_until IS NULL OR lease_until <= \(nowMS)) RETURNING id
                    """
                )
            case .atLeastOnce:
                count = try await session.execute(
                    """
                    UPDATE outbound_message SET status = 'queued', send_after = \(nowMS), lease_until = NULL, updated_at = \(nowMS),
                        reason = 'requeued after a crash (dispatch.crash_policy at_least_once)'
                    WHERE status = 'sending' AND (lease_until IS NULL OR lease_until <= \(nowMS)) RETURNING id
                    """
                )
            }
            if count > 0 {
                try await session.audit(
                    "dispatch.recovered", actor: "dispatcher", subject: nil, detail: "\(count) \(policy.rawValue)", at: nowMS
                )
            }
            return count
        }
    }

    public func inDoubtMessages(limit: Int) async throws -> [InDoubtMessage] {
        try await self.read { session in
            try await session.rows(
                """
                SELECT o.id, o.phone, o.kind, o.updated_at, o.attempts, c.slug FROM outbound_message o
                LEFT JOIN campaign c ON c.id = o.campaign_id WHERE o.in_doubt = 1 ORDER BY o.id DESC LIMIT \(limit)
                """
            ).map { row in
                InDoubtMessage(
                    id: try row.get("id"), to: PhoneNumber(e164: try row.get("phone"))?.masked ?? "invalid",
                    kind: try row.get("kind"), campaign: try row.get("slug", as: String?.self),
                    markedAt: Date(millisecondsSince1970: try row.get("updated_at")), attempts: try row.get("attempts")
                )
            }
        }
    }

    public func setDispatchPaused(_ paused: Bool, campaignID: Int64?, actor: String, now: Date) async throws {
        let nowMS = now.millisecondsSince1970
        let key = campaignID ?? 0
        try await self.transaction { session in
            if paused {
                try await session.execute(
                    """
                    INSERT INTO dispatch_pause (campaign_id, paused_at, actor) VALUES (\(key), \(nowMS), \(actor))
                    ON CONFLICT (campaign_id) DO NOTHING
                    """
                )
            } else {
                try await session.execute("DELETE FROM dispatch_pause WHERE campaign_id = \(key)")
            }
            try await session.audit(
                paused ? "dispatch.pause" : "dispatch.resume", actor: actor,
                subject: campaignID.map { "campaign:\($0)" } ?? "dispatch", detail: nil, at: nowMS
            )
        }
    }

    public func dispatchPauses() async throws -> (global: Bool, campaigns: [Int64]) {
        try await self.read { session in
            let ids = try await session.rows("SELECT campaign_id FROM dispatch_pause ORDER BY campaign_id")
                .map { try $0.get("campaign_id", as: Int64.self) }
            return (ids.contains(0), ids.filter { $0 != 0 })
        }
    }
}
