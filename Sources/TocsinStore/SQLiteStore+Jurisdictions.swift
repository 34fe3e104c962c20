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
            var byAreaCode: [String: String] = [:]
            var counts: [String: Int] = [:]
            var keys: [String: (String, String?)] = [:]
            while let row = try cursor.next() {
                let phone: String = row[0]
                let language: String? = row[1]
                let jurisdiction: String
                let prefix = String(phone.prefix(5))
                if phone.hasPrefix("+1"), let known = byAreaCode[prefix] {
                    jurisdiction = known
                } else {
                    jurisdiction = PhoneNumber(stored: phone).map { policies.jurisdiction(of: $0).key } ?? Jurisdiction.defaultKey
                    if phone.hasPrefix("+1") { byAreaCode[prefix] = jurisdiction }
                }
                let key = "\(jurisdiction)|\(language ?? "")"
                counts[key, default: 0] += 1
                keys[key] = (jurisdiction, language)
            }
            return counts.keys.sorted().compactMap { key in
                keys[key].map { LaunchCheck.RecipientGroup(jurisdiction: $0.0, language: $0.1, count: counts[key] ?? 0) }
            }
        }
    }
}
