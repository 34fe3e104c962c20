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

    func run() async throws {
        var flags = self.options.flags
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
        var logger = Logger(label: "tocsin")
        logger.logLevel = .info
        let services: TocsinServices
        do {
            services = try await TocsinServices.make(config: config, logger: logger)
        } catch {
            fail("cannot start: \(error)")
        }
        do { try await services.verifyLedgerOnStart() } catch { fail("cannot start: \(error)") }
        // Before anything sends: messages left `sending` by a crash are marked in doubt (or requeued).
        try await services.dispatcher.recover()
        // Queued replies are resumed by the dispatcher's first pass.
        // Written unbuffered so it shows at once even when stdout is a pipe or a file.
        FileHandle.standardOutput.write(Data((Self.banner(config) + "\n").utf8))
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: buildApplication(services)), .init(service: services.reviewDeadlines),
                           .init(service: services.scheduler), .init(service: services.dispatcher)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }

    static func banner(_ config: TocsinConfig) -> String {
        let base = "http://\(config.host):\(config.port)"
        let to = config.profile.defaultSender.isEmpty ? "+15550000000" : config.profile.defaultSender
        let keyword = config.campaigns.first?.keywords.first ?? "RIGHTS"
        func text(_ body: String, _ id: String) -> String {
            "  curl -s \(base)/webhooks/mock/sms -H 'content-type: application/json' -d '{\"from\":\"+14155550101\",\"to\":\"\(to)\",\"body\":\"\(body)\",\"id\":\"\(id)\"}'"
        }
        return """
            Tocsin is listening on \(base) (database \(config.databasePath), carrier \(config.carrierKind)).
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
