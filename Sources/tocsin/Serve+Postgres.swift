import Foundation
import Logging
import ServiceLifecycle
import TocsinCore
import TocsinPostgres
import TocsinServer

extension Serve {
    /// `tocsin serve` on PostgreSQL: the store's client is the first service of the group, so it starts
    /// before everything else and shuts down last (SIGTERM drains the server, scheduler and dispatchers, then
    /// the pool closes). The rest starts inside the group, once the client runs: migrate (under an advisory
    /// lock, so instances starting together apply each migration once), build, verify the ledger, recover.
    static func servePostgres(config: TocsinConfig, logger: Logger) async throws {
        let store: PostgresStore
        do { store = try config.makePostgresStore(logger: logger) } catch { fail("cannot start: \(error)") }
        do { try await store.probe() } catch {
            fail(
                "cannot start: \((error as? StoreError)?.message ?? "\(error)"); check storage.database (host, port, user, password, database) "
                    + "and that the server is running and accepts connections from this host"
            )
        }
        let server = StartedService {
            do { try await store.migrate() } catch { fail("cannot start: migrating the PostgreSQL database failed: \(error)") }
            try await Self.serve(config: config, store: store, nested: true, logger: logger)
        }
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: store), .init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        // The inner group has the configured grace and 5 s of cancellation; the pool closes after it.
        configuration.maximumGracefulShutdownDuration = .seconds(config.shutdownGraceSeconds + 10)
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
    }
}

/// A service whose work is a closure (the server, started once the store's client runs).
struct StartedService: Service {
    let body: @Sendable () async throws -> Void

    init(_ body: @escaping @Sendable () async throws -> Void) {
        self.body = body
    }

    func run() async throws {
        try await self.body()
    }
}
