import Foundation
import GRDB
import TocsinCore

extension SQLiteStore: ReviewStore {
    static let reviewColumns = """
        SELECT r.id, r.phone, r.inbound_message_id, i.body, i.tier, i.rule, i.language, i.received_at, r.deadline_at,
            r.status, r.resolved_at, r.resolved_by, r.reason
        FROM review_item r JOIN inbound_message i ON i.id = r.inbound_message_id
        """

    public func reviewItems(status: ReviewStatus?, limit: Int) async throws -> [ReviewItem] {
        try await self.writer.read { db in
            let filter = status == nil ? "" : " WHERE r.status = ?"
            let arguments: StatementArguments = status.map { [$0.rawValue, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: Self.reviewColumns + filter + " ORDER BY r.id LIMIT ?", arguments: arguments)
                .compactMap(ReviewItem.init(row:))
        }
    }

    public func resolveReview(id: Int64, decision: ReviewDecision, reason: String, reviewer: String, now: Date) async throws -> ReviewItem {
        try await self.writer.write { db in
            guard let item = try Row.fetchOne(db, sql: Self.reviewColumns + " WHERE r.id = ?", arguments: [id]).flatMap(ReviewItem.init(row:)) else {
                throw StoreError(.notFound, "no review item with id \(id)")
            }
            guard item.status == .pending else {
                throw StoreError(.conflict, "review item \(id) is already \(item.status.rawValue)")
            }
            let nowMS = now.millisecondsSince1970
            let status: ReviewStatus = decision == .optOut ? .optOut : .notOptOut
            try db.execute(
                sql: "UPDATE review_item SET status = ?, resolved_at = ?, resolved_by = ?, reason = ? WHERE id = ?",
                arguments: [status.rawValue, nowMS, reviewer, reason, id]
            )
            try db.recordReviewOutcome(item, optOut: decision == .optOut, staff: reviewer, at: nowMS)
            try db.audit("review.\(status.rawValue)", actor: reviewer, subject: "review_item:\(id)", detail: reason, at: nowMS)
            var resolved = item
            resolved.status = status
            resolved.resolvedAt = Date(millisecondsSince1970: nowMS)
            resolved.resolvedBy = reviewer
            resolved.reason = reason
            return resolved
        }
    }

    public func expireOverdueReviews(now: Date) async throws -> Int {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            let overdue = try Row.fetchAll(
                db, sql: Self.reviewColumns + " WHERE r.status = 'pending' AND r.deadline_at <= ? ORDER BY r.id", arguments: [nowMS]
            ).compactMap(ReviewItem.init(row:))
            for item in overdue {
                // The item may have been superseded by an earlier one of the same number in this loop.
                try db.execute(
                    sql: "UPDATE review_item SET status = 'expired_opt_out', resolved_at = ?, resolved_by = 'system:deadline', reason = ? WHERE id = ? AND status = 'pending'",
                    arguments: [nowMS, "no decision before the deadline", item.id]
                )
                guard db.changesCount > 0 else { continue }
                try db.recordReviewOutcome(item, optOut: true, staff: "system:deadline", at: nowMS)
                try db.audit("review.expired_opt_out", actor: "system:deadline", subject: "review_item:\(item.id)", detail: nil, at: nowMS)
            }
            return overdue.count
        }
    }

    public func hasPendingReview(_ phone: PhoneNumber) async throws -> Bool {
        try await self.writer.read { db in try db.hasPendingReview(phone.e164) }
    }
}

extension Database {
    /// Writes the consent-ledger entry for a review outcome and, for an opt-out, suppresses the number.
    /// No confirmation is sent: it would leave outside the 5-minute window after the supporter's text.
    func recordReviewOutcome(_ item: ReviewItem, optOut: Bool, staff: String, at now: Int64) throws {
        let phone = item.phone.e164
        if optOut { try self.suppress(phone, source: .review, at: now) }
        try self.append(
            ConsentEntry(
                phone: phone, action: optOut ? .optOut : .reviewedNotOptOut, source: .review, rawText: item.body,
                tier: item.tier, rule: item.rule, staff: staff, inboundMessageID: item.inboundMessageID,
                language: item.language, occurredAt: now
            )
        )
    }

    func hasPendingReview(_ phone: String) throws -> Bool {
        let statement = try self.cachedStatement(sql: "SELECT 1 FROM review_item WHERE phone = ? AND status = 'pending' LIMIT 1")
        return try Bool.fetchOne(statement, arguments: [phone]) ?? false
    }
}

extension ReviewItem {
    init?(row: Row) {
        guard let phone = PhoneNumber(e164: row[1]), let status = ReviewStatus(rawValue: row[9]) else { return nil }
        self.init(
            id: row[0], phone: phone, inboundMessageID: row[2], body: row[3], tier: row[4], rule: row[5], language: row[6],
            receivedAt: Date(millisecondsSince1970: row[7]), deadline: Date(millisecondsSince1970: row[8]), status: status,
            resolvedAt: (row[10] as Int64?).map(Date.init(millisecondsSince1970:)), resolvedBy: row[11], reason: row[12]
        )
    }
}
