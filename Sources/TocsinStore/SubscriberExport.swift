import Foundation
import TocsinCore

/// Writes a campaign's subscribers as CSV (`tocsin subscribers export`), a page at a time so memory stays
/// flat with the list's size.
///
/// Columns: `phone` (E.164), `status`, `first_name`, `language`, `joined_at` (ISO 8601 UTC, empty when the
/// number never became active) and `consent_source` (the source of the latest opt-in to the campaign:
/// `keyword`, `web_form`, `import`, …). Free-text fields that a spreadsheet would run as a formula get a
/// leading `'`.
public struct SubscriberExport: Sendable {
    public static let columns = ["phone", "status", "first_name", "language", "joined_at", "consent_source"]

    public var store: any CampaignStore & CampaignAdminStore
    public var campaignSlug: String
    /// The status to export; nil exports every status.
    public var status: SubscriptionStatus?
    public var pageSize: Int

    public init(store: any CampaignStore & CampaignAdminStore, campaignSlug: String, status: SubscriptionStatus?, pageSize: Int = 1000) {
        self.store = store
        self.campaignSlug = campaignSlug
        self.status = status
        self.pageSize = max(1, pageSize)
    }

    /// Writes the header and every record through `write`, returning the number of records.
    ///
    /// - Throws: ``StoreError`` `notFound` for an unknown campaign; errors thrown by `write`.
    public func run(write: (String) throws -> Void) async throws -> Int {
        guard let campaign = try await self.store.campaign(slug: self.campaignSlug) else {
            throw StoreError(.notFound, "no campaign with slug '\(self.campaignSlug)'")
        }
        try write(SubscriberCSVWriter.record(Self.columns))
        var after: Int64 = 0
        var count = 0
        while true {
            let page = try await self.store.subscribers(campaignID: campaign.id, status: self.status, after: after, limit: self.pageSize)
            var text = ""
            for record in page.records { text += Self.line(record) }
            if !text.isEmpty { try write(text) }
            count += page.records.count
            guard let next = page.nextAfter else { return count }
            after = next
        }
    }

    /// One CSV record for `record`.
    public static func line(_ record: SubscriberRecord) -> String {
        SubscriberCSVWriter.record(
            [
                record.phone.e164, record.status.rawValue, record.firstName ?? "", record.language ?? "",
                record.joinedAt.map { $0.formatted(.iso8601) } ?? "", record.consentSource ?? "",
            ],
            neutralizingFormulas: [2]
        )
    }
}
