import Foundation
import GRDB
import TocsinCore
import TocsinServer
@testable import TocsinStore

/// The SQLite-only inspection helpers the route tests use through `services.store` (now `any ServerStore`):
/// they reach the app's SQLite store, and fail the test when the app runs on another engine.
extension ServerStore {
    private var sqlite: SQLiteStore {
        get throws {
            guard let store = self as? SQLiteStore else { throw StoreError(.invalid, "this test helper needs the SQLite store, not \(type(of: self))") }
            return store
        }
    }

    var writer: any DatabaseWriter {
        get throws { try self.sqlite.writer }
    }

    func rowCount(_ table: String) async throws -> Int {
        try await self.sqlite.rowCount(table)
    }

    func subscriptionStatus(_ phone: PhoneNumber, campaign slug: String) async throws -> SubscriptionStatus? {
        try await self.sqlite.subscriptionStatus(phone, campaign: slug)
    }

    func consentEvents(for phone: PhoneNumber) async throws -> [ConsentRecord] {
        try await self.sqlite.consentEvents(for: phone)
    }

    func outbound(to phone: PhoneNumber) async throws -> [OutboundRecord] {
        try await self.sqlite.outbound(to: phone)
    }

    func outboundStatusCounts(lane: String) async throws -> [String: Int] {
        try await self.sqlite.outboundStatusCounts(lane: lane)
    }

    func bulkRecords() async throws -> [DispatchRecord] {
        try await self.sqlite.bulkRecords()
    }
}
