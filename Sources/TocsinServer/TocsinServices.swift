import Foundation
import Logging
import TocsinCarriers
import TocsinCore
import TocsinEngine
import TocsinRules
import TocsinStore

/// The composition root: every component of a running Tocsin, built once from the configuration and
/// shared by the HTTP routes and the CLI.
public struct TocsinServices: Sendable {
    public let config: TocsinConfig
    /// The store of `storage.database`: SQLite or PostgreSQL (a PostgreSQL one must be running).
    public let store: any ServerStore
    public let keywords: KeywordSet
    public let directory: CampaignDirectory
    public let inbound: InboundHandler
    public let replies: ReplySender
    public let renderer: KeywordReplyRenderer
    public let carrier: any CarrierAdapter
    public let clock: any WallClock
    public let twilioSignature: TwilioSignature?
    /// Checks Telnyx webhooks (from `telnyx.public_key`).
    public let telnyxSignature: TelnyxSignature?
    public let reviewDeadlines: ReviewDeadlineService
    public let scheduler: AlertScheduler
    /// Sends the outbox (replies first, then bulk alerts).
    public let dispatcher: Dispatcher
    /// Numbers whose opt-out is being or has been committed: checked right before each carrier call.
    public let suppressionGuard: SuppressionGuard
    /// This instance's Prometheus registry (`GET /metrics`).
    public let metrics: ServerMetrics
    /// The jurisdiction policies of `paths.compliance` (send-time gate and launch checks).
    public let policies: PolicySet
    /// Places alert calls (nil without a voice carrier or `voice.callback_number`).
    public let callDispatcher: CallDispatcher?
    /// Places alert calls (nil when the carrier cannot call).
    public let voiceCarrier: (any VoiceCarrier)?
    /// Numbers whose "press 9" is being or has been committed: checked right before each call.
    public let voiceGuard: SuppressionGuard
    /// The per-number locks shared by the inbound path, the dispatchers and the call webhooks.
    public let locks: KeyedLock
    /// This instance in the instance registry: with several instances on one database, each paces at its
    /// share of the sender and call limits (`dispatch.heartbeat_seconds`).
    public let heartbeat: InstanceHeartbeat
    public let logger: Logger
    /// The legal deadline of an opt-out received at an instant (default: `config.optOutDeadline`; the
    /// jurisdiction policies' calendar can replace it).
    public var optOutDeadline: OptOutDeadlineFunction = DeadlineStatus.businessDays()

    /// Builds everything: loads the keyword files, opens and migrates the store, seeds the configured
    /// campaigns and opens the carrier.
    ///
    /// - Parameters:
    ///   - store: an already open store (tests pass an in-memory one); nil opens `config.databasePath`, which
    ///     must then be a SQLite file. A PostgreSQL store is passed here already running (its `run()` started,
    ///     e.g. as the first service of the `ServiceGroup`) and migrated: ``TocsinConfig/makePostgresStore(logger:)``.
    ///   - carrier: a carrier to use instead of the configured one (tests pass a scripted mock).
    public static func make(
        config: TocsinConfig,
        clock: any WallClock = SystemWallClock(),
        store: (any ServerStore)? = nil,
        carrier: (any CarrierAdapter)? = nil,
        voiceCarrier: (any VoiceCarrier)? = nil,
        logger: Logger
    ) async throws -> TocsinServices {
        let keywords = try KeywordSet.load(directory: config.keywordsDirectory)
        // Invalid policies stop the start, naming file and key.
        let policies = try PolicyFiles.load(directory: config.complianceDirectory)
        var dispatch = config.dispatch
        dispatch.gate.policies = policies
        let classifier = KeywordClassifier(keywords)
        let openedHere = store == nil
        let store: any ServerStore = try store ?? config.openStore()
        store.configureUnsubscribeLinks(baseURL: config.publicURL, validityDays: config.ledger.unsubscribeLinkDays)
        // The config file seeds campaigns the store does not have yet; after that the API owns them, so a
        // restart never undoes an archive or an edit made through the API.
        for campaign in config.campaigns where try await store.campaign(slug: campaign.slug) == nil {
            _ = try await store.upsertCampaign(campaign, actor: "config", now: clock.now)
        }
        let directory = CampaignDirectory()
        try await directory.reload(from: store)
        let renderer = KeywordReplyRenderer(keywords: keywords, profile: config.profile, directory: directory)
        let metrics = ServerMetrics()
        let rawCarrier = try carrier ?? Self.makeCarrier(config, clock: clock, metrics: metrics.engine)
        // A route times each of its carriers itself, so latency and errors are counted per real carrier.
        let carrier: any CarrierAdapter = rawCarrier is CarrierRouter ? rawCarrier : InstrumentedCarrier(rawCarrier, metrics: metrics.engine)
        let locks = KeyedLock()
        let suppressionGuard = SuppressionGuard()
        var inbound = InboundHandler(
            classifier: classifier, directory: directory, store: store, policy: InboundPolicy(
                profile: config.profile, reviewBusinessDays: config.reviewBusinessDays, calendar: config.reviewCalendar
            ),
            renderer: renderer, clock: clock, suppressionGuard: suppressionGuard, locks: locks
        )
        inbound.metrics = metrics.engine
        let replies = ReplySender(outbox: store, carrier: carrier, clock: clock, locks: locks, logger: logger)
        var dispatcher = Dispatcher(
            store: store, replies: replies, carrier: carrier, clock: clock, settings: dispatch,
            suppressionGuard: suppressionGuard, logger: logger, fence: store.sendFence
        )
        dispatcher.metrics = metrics.engine
        // The send journal sits beside the SQLite file this process opened (a store passed in, e.g. in memory or
        // shared through PostgreSQL, has none).
        if openedHere, !store.isSharedByInstances {
            dispatcher.journal = try SendJournal(path: config.databasePath + ".send-journal")
        }
        let voiceCarrier = voiceCarrier ?? Self.makeVoiceCarrier(config, carrier: rawCarrier)
        let voiceGuard = SuppressionGuard()
        var callDispatcher: CallDispatcher?
        if let voice = voiceCarrier, let settings = config.voice.callSettings(organisationName: config.profile.name) {
            var calls = CallDispatcher(
                store: store, carrier: voice, clock: clock, settings: settings, dispatch: dispatch,
                suppressionGuard: suppressionGuard, voiceGuard: voiceGuard, locks: locks, logger: logger,
                fence: store.sendFence
            )
            calls.metrics = metrics.engine
            callDispatcher = calls
        }
        var services = TocsinServices(
            config: config, store: store, keywords: keywords, directory: directory, inbound: inbound,
            replies: replies,
            renderer: renderer, carrier: carrier, clock: clock,
            twilioSignature: config.twilioAuthToken.map { TwilioSignature(authToken: $0) },
            telnyxSignature: config.carriers.telnyxPublicKey.flatMap { TelnyxSignature(publicKey: $0) },
            reviewDeadlines: ReviewDeadlineService(reviews: store, clock: clock, logger: logger),
            scheduler: AlertScheduler(
                alerts: store, clock: clock, sender: config.profile.defaultSender, batchSize: config.fanoutBatchSize,
                logger: logger
            ),
            dispatcher: dispatcher,
            suppressionGuard: suppressionGuard,
            metrics: metrics,
            policies: policies,
            callDispatcher: callDispatcher, voiceCarrier: voiceCarrier, voiceGuard: voiceGuard, locks: locks,
            heartbeat: InstanceHeartbeat(
                registry: store, pacers: [dispatcher.pacer] + (callDispatcher.map { [$0.pacer] } ?? []), clock: clock,
                interval: dispatch.heartbeatInterval, metrics: metrics.engine, logger: logger
            ),
            logger: logger
        )
        services.optOutDeadline = config.policyDeadline(policies)
        return services
    }

    static func makeCarrier(_ config: TocsinConfig, clock: any WallClock, metrics: EngineMetrics = .disabled) throws -> any CarrierAdapter {
        let settings = config.carriers
        guard config.carrierKind == "route" else { return try Self.makeCarrier(named: config.carrierKind, config, clock: clock) }
        let names = Set(settings.carriersInUse).sorted()
        return try CarrierRouter(
            carriers: try names.map { InstrumentedCarrier(try Self.makeCarrier(named: $0, config, clock: clock), metrics: metrics) },
            route: settings.route,
            senderRoutes: settings.senderRoutes, failureThreshold: settings.breakerFailures, cooldown: settings.breakerCooldown,
            clock: clock
        )
    }
}
