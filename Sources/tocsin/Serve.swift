import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import TocsinServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP service (webhooks, API).")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Address to listen on (overrides server.host).")
    var host: String?

    @Option(name: .long, help: "Port to listen on (overrides server.port).")
    var port: Int?

    @Option(name: .long, help: "File the mock carrier appends sent messages to (overrides carrier.mock_outbox).")
    var mockOutbox: String?

    @Option(name: .long, help: "Public base URL carriers use to reach this server (overrides server.public_url).")
    var publicURL: String?

    @Option(name: .long, help: "trace, debug, info, notice, warning, error or critical (overrides log.level).")
    var logLevel: String?

    @Option(name: .long, help: "text or json (overrides log.format).")
    var logFormat: String?

    func run() async throws {
        var flags = self.options.flags
        flags["log.level"] = self.logLevel
        flags["log.format"] = self.logFormat
        flags["server.host"] = self.host
        flags["server.port"] = self.port.map(String.init)
        flags["carrier.mock_outbox"] = self.mockOutbox
        flags["server.public_url"] = self.publicURL
        let config: TocsinConfig
        do {
            config = try TocsinConfig.load(file: self.options.config, environment: ProcessInfo.processInfo.environment, flags: flags)
        } catch {
            fail("\(error)")
        }
        let logger = config.log.makeLogger()
        guard TocsinConfig.isPostgresURL(config.databasePath) else {
            try await Self.serve(config: config, store: nil, logger: logger)
            return
        }
        try await Self.servePostgres(config: config, logger: logger)
    }

    /// Builds everything on `store` (nil: the SQLite file of the configuration), checks the ledger, recovers
    /// the dispatch, then runs the HTTP server, scheduler and dispatchers until SIGTERM or SIGINT has drained
    /// them. Inside the PostgreSQL group (`nested`) the signals reach it through that group.
    static func serve(config: TocsinConfig, store: (any ServerStore)?, nested: Bool = false, logger: Logger) async throws {
        let services: TocsinServices
        do {
            services = try await TocsinServices.make(config: config, store: store, logger: logger)
        } catch {
            fail("cannot start: \(error)")
        }
        do { try await services.verifyLedgerOnStart() } catch { fail("cannot start: \(error)") }
        // Before anything sends: messages left `sending` by a crash are marked in doubt (or requeued).
        try await services.dispatcher.recover()
        // Before anything sends: this instance's share of the sender limits (several instances on PostgreSQL).
        await services.heartbeat.beat()
        // Queued replies are resumed by the dispatcher's first pass.
        // Written unbuffered so it shows at once even when stdout is a pipe or a file.
        FileHandle.standardOutput.write(Data((Self.banner(config) + "\n").utf8))
        // Graceful shutdown runs in reverse order: the HTTP server stops accepting first and finishes its
        // requests, then the scheduler stops, then the dispatchers stop claiming and finish their batches.
        // The heartbeat stops last: it leaves the instance registry once the dispatchers have finished.
        var running: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: services.heartbeat), .init(service: services.dispatcher)]
        if let calls = services.callDispatcher { running.append(.init(service: calls)) }
        running += [
            .init(service: services.reviewDeadlines), .init(service: services.scheduler),
            .init(service: buildApplication(services)),
        ]
        var configuration = ServiceGroupConfiguration(
            services: running, gracefulShutdownSignals: nested ? [] : [.sigterm, .sigint], logger: logger
        )
        configuration.maximumGracefulShutdownDuration = .seconds(config.shutdownGraceSeconds)
        configuration.maximumCancellationDuration = .seconds(5)
        let group = ServiceGroup(configuration: configuration)
        try await group.run()
        logger.notice("tocsin stopped: requests finished, nothing left sending")
    }

    static func banner(_ config: TocsinConfig) -> String {
        let base = "http://\(config.host):\(config.port)"
        let to = config.profile.defaultSender.isEmpty ? "+15550000000" : config.profile.defaultSender
        let keyword = config.campaigns.first?.keywords.first ?? "RIGHTS"
        func text(_ body: String, _ id: String) -> String {
            "  curl -s \(base)/webhooks/mock/sms -H 'content-type: application/json' -d '{\"from\":\"+14155550101\",\"to\":\"\(to)\",\"body\":\"\(body)\",\"id\":\"\(id)\"}'"
        }
        return """
            Tocsin is listening on \(base) (database \(config.databaseDescription), carrier \(config.carrierKind)).
            Text it through the mock carrier (replies are appended to \(config.mockOutboxPath)):
            \(text(keyword, "demo-1"))
            \(text("HELP", "demo-2"))
            \(text("STOP", "demo-3"))
            \(text("START", "demo-4"))
              tail -n 4 \(config.mockOutboxPath)
            Stop with Ctrl-C.
            """
    }
}
