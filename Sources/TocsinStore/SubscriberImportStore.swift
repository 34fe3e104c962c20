import Foundation
import TocsinCore

/// What ``SubscriberImport`` needs of a store: the campaign by slug and one batch import (SQLite and
/// PostgreSQL both conform).
public protocol SubscriberImportStore: CampaignStore {
    /// Imports checked rows into an active campaign in one transaction, with one audit record when anything
    /// changed; one outcome per row, in order.
    ///
    /// - Throws: ``StoreError`` `notFound` when the campaign is not active.
    func importSubscribers(
        _ rows: [SubscriberImportRow], campaignID: Int64, actor: String, label: String, now: Date
    ) async throws -> [SubscriberImportOutcome]
}

extension SQLiteStore: SubscriberImportStore {}
