import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    /// The campaign's active subscribers on `channel`, counted per jurisdiction and language, for launch checks.
    ///
    /// Suppressed numbers are left out (nothing reaches them). The jurisdiction is computed from each number
    /// (area code for NANP numbers, country otherwise); NANP numbers of one area code share an answer.
    public func recipientGroups(campaignID: Int64, channel: Channel, policies: PolicySet) async throws -> [LaunchCheck.RecipientGroup] {
        try await self.writer.read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT p.phone, p.language FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
                    WHERE s.campaign_id = ? AND s.channel = ? AND s.status = 'active'
                      AND NOT EXISTS (SELECT 1 FROM suppression x WHERE x.phone = p.phone)
                    """,
                arguments: [campaignID, channel.rawValue]
            )
            var tally = RecipientGroupTally(policies: policies)
            while let row = try cursor.next() { tally.add(phone: row[0], language: row[1]) }
            return tally.groups
        }
    }
}
