import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore: ReviewStore {
    static let reviewColumns = """
        SELECT r.id, r.phone, r.inbound_message_id, i.body, i.tier, i.rule, i.language, i.received_at, r.deadline_at,
            r.status, r.resolved_at, r.resolved_by, r.reason
        FROM review_item r JOIN inbound_message i ON i.id = r.inbound_message_id
        """

    public func reviewItems(status: ReviewStatus?, limit: Int) async throws -> [ReviewItem] {
        try await self.read { session in
            let query: PostgresQuery =
                if let status {
                    "\(unescaped: Self.reviewColumns) WHERE r.status = \(status.rawValue) ORDER BY r.id LIMIT \(limit)"
                } else {
                    "\(unescaped: Self.reviewColumns) ORDER BY r.id LIMIT \(limit)"
                }
            return try await session.rows(query).compactMap(ReviewItem.init(row:))
        }
    }

    public func resolveReview(id: Int64, decision: ReviewDecision, reason: String, reviewer: String, now: Date) async throws -> ReviewItem {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            let row = try await session.row("\(unescaped: Self.reviewColumns) WHERE r.id = \(id) FOR UPDATE OF r")
            guard let item = try row.flatMap(ReviewItem.init(row:)) else {
                throw StoreError(.notFound, "no review item with id \(id)")
            }
            guard item.status == .pending else {
                throw StoreError(.conflict, "review item \(id) is already \(item.status.rawValue)")
            }
            let status: ReviewStatus = decision == .optOut ? .optOut : .notOptOut
            try await session.execute(
                """
                UPDATE review_item SET status = \(status.rawValue), resolved_at = \(nowMS), resolved_by = \(reviewer),
                    reason = \(reason) WHERE id = \(id)
                """
            )
            try await session.recordReviewOutcome(item, optOut: decision == .optOut, staff: reviewer, at: nowMS)
            try await session.audit("review.\(status.rawValue)", actor: reviewer, subject: "review_item:\(id)", detail: reason, at: nowMS)
            var resolved = item
            resolved.status = status
            resolved.resolvedAt = Date(millisecondsSince1970: nowMS)
            resolved.resolvedBy = reviewer
            resolved.reason = reason
            return resolved
        }
    }

    /// Expires overdue items. Two instances sweeping at once: the row locks make the second skip the items
    /// the first is expiring, so each item gets one outcome and one consent event.
    public func expireOverdueReviews(now: Date) async throws -> Int {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            let overdue = try await session.rows(
                """
                \(unescaped: Self.reviewColumns)
                WHERE r.status = 'pending' AND r.deadline_at <= \(nowMS) ORDER BY r.id FOR UPDATE OF r SKIP LOCKED
                """
            ).compactMap(ReviewItem.init(row:))
            for item in overdue {
                // The item may have been superseded by an earlier one of the same number in this loop.
                let changed = try await session.execute(
                    """
                    UPDATE review_item SET status = 'expired_opt_out', resolved_at = \(nowMS), resolved_by = 'system:deadline',
                        reason = 'no decision before the deadline' WHERE id = \(item.id) AND status = 'pending' RETURNING id
                    """
                )
                guard changed > 0 else { continue }
                try await session.recordReviewOutcome(item, optOut: true, staff: "system:deadline", at: nowMS)
                try await session.audit(
                    "review.expired_opt_out", actor: "system:deadline", subject: "review_item:\(item.id)", detail: nil, at: nowMS
                )
            }
            return overdue.count
        }
    }

    public func hasPendingReview(_ phone: PhoneNumber) async throws -> Bool {
        try await self.read { session in
            try await session.value(
                "SELECT EXISTS (SELECT 1 FROM review_item WHERE phone = \(phone.e164) AND status = 'pending')", as: Bool.self
            ) ?? false
        }
    }
}

extension PostgresSession {
    /// Writes the consent-ledger entry for a review outcome and, for an opt-out, suppresses the number. No
    /// confirmation is sent (it would leave outside the 5-minute window after the supporter's text).
    func recordReviewOutcome(_ item: ReviewItem, optOut: Bool, staff: String, at now: Int64) async throws {
        let phone = item.phone.e164
        if optOut { try await self.suppress(phone, source: .review, at: now) }
        try await self.append(
            ConsentEntry(
                phone: phone, action: optOut ? .optOut : .reviewedNotOptOut, source: .review, rawText: item.body,
                tier: item.tier, rule: item.rule, staff: staff, inboundMessageID: item.inboundMessageID,
                language: item.language, occurredAt: now
            )
        )
    }
}

extension ReviewItem {
    /// A review item from a row of ``PostgresStore/reviewColumns``; nil when the stored number or status is
    /// not readable.
    init?(row: PostgresRandomAccessRow) throws {
        guard let phone = PhoneNumber(e164: try row.get("phone")),
            let status = ReviewStatus(rawValue: try row.get("status"))
        else { return nil }
        self.init(
            id: try row.get("id"), phone: phone, inboundMessageID: try row.get("inbound_message_id"), body: try row.get("body"),
            tier: try row.get("tier"), rule: try row.get("rule", as: String?.self), language: try row.get("language", as: String?.self),
            receivedAt: Date(millisecondsSince1970: try row.get("received_at")),
            deadline: Date(millisecondsSince1970: try row.get("deadline_at")), status: status,
            resolvedAt: try row.get("resolved_at", as: Int64?.self).map(Date.init(millisecondsSince1970:)),
            resolvedBy: try row.get("resolved_by", as: String?.self), reason: try row.get("reason", as: String?.self)
        )
    }
}
