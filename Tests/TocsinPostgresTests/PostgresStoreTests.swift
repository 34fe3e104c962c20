import Foundation
import Logging
import Testing
import TocsinCore
@testable import TocsinPostgres

struct PostgresStoreTests {
    @Test func theHelperRunsAMigratedStore() async throws {
        try await TestPostgres.withFreshDatabase { url in
            let current = try await withPostgresStore(url: "postgres://\(url.user)@\(url.host):\(url.port)/\(url.database)") { store in
                try await store.migrationsCurrent()
            }
            #expect(current)
        }
    }

    @Test func aMalformedURLIsRefusedBeforeConnecting() {
        #expect(throws: StoreError.self) { _ = try PostgresStore(url: "postgres://nobody@/db") }
    }

    @Test func aServerThatIsNotThereIsReportedAsUnavailable() async throws {
        let started = Date()
        do {
            try await withPostgresStore(url: "postgres://nobody:hunter2@127.0.0.1:1/none") { _ in }
            Issue.record("connected to nothing")
        } catch let error as StoreError {
            #expect(error.kind == .unavailable, "\(error)")
            #expect(error.message.contains("postgres://nobody:***@127.0.0.1:1/none"), "\(error)")
            #expect(!error.message.contains("hunter2"))
        }
        // Well under the pool's own minute of retries. Alone it takes well under a second; in the whole
        // parallel suite on a loaded 2-core machine the test's task can wait its turn for 20 s and more.
        #expect(Date().timeIntervalSince(started) < 45)
    }

    @Test func aDatabaseThatIsNotThereIsNamedInTheError() async throws {
        let base = try TestPostgres.baseURL()
        let store = PostgresStore(url: base.with(database: "no_such_database"))
        await #expect {
            try await store.probe()
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.kind == .unavailable && error.message.contains("no_such_database") && error.message.contains("does not exist")
        }
    }

    @Test(arguments: [(Logger.Level.trace, Logger.Level.info), (.debug, .info), (.info, .info), (.error, .error)])
    func theDriverNeverLogsBelowInfo(configured: Logger.Level, used: Logger.Level) throws {
        var logger = Logger(label: "test")
        logger.logLevel = configured
        let store = PostgresStore(url: try PostgresURL("postgres://u@localhost/db"), logger: logger)
        #expect(store.logger.logLevel == used)
    }
}
