import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres

/// PostgreSQL-only behaviour of the fan-out: a large occurrence refreshes the planner's statistics.
struct PostgresStoreFanoutTests {
    let noon = Scenario.noon

    /// Fans out a once-alert to `count` subscribers and says whether `outbound_message` was analysed.
    func analysedAfterFanout(of count: Int) async throws -> Bool {
        try await TestPostgres.withStores(1) { stores in
            let store = stores[0]
            try await Scenario.fannedOut(store, count: count, body: "Act", fanOutBatch: 5000)
            let analysed = try await store.read { session in
                try await session.value(
                    "SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE relname = 'outbound_message'", as: Bool.self
                )
            }
            return analysed == true
        }
    }

    @Test func aLargeFanoutEndsWithFreshStatistics() async throws {
        #expect(try await self.analysedAfterFanout(of: Int(PostgresStore.analyzeAfterRecipients)))
    }

    @Test func aSmallFanoutLeavesTheStatisticsToAutovacuum() async throws {
        #expect(try await !self.analysedAfterFanout(of: 50))
    }
}
