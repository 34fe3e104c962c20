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
    public let store: SQLiteStore
    public let keywords: KeywordSet
    public let directory: CampaignDirectory
    public let inbound: InboundHandler
    public let replies: ReplySender
    public let renderer: KeywordReplyRenderer
    public let carrier: any CarrierAdapter
    public let clock: any WallClock
    public let twilioSignature: TwilioSignature?
    public let reviewDeadlines: ReviewDeadlineService
    public let scheduler: AlertScheduler
    /// Sends the outbox (replies first, then bulk alerts).
    public let dispatcher: Dispatcher
    /// Numbers whose opt-out is being or has been committed: checked right before each carrier call.
    public let suppressionGuard: SuppressionGuard
    public let logger: Logger
    /// The legal deadline of an opt-out received at an instant (default: `config.optOutDeadline`; the
    /// jurisdiction policies' calendar can replace it).
    public var optOutDeadline: OptOutDeadlineFunction = DeadlineStatus.businessDays()

    /// Builds everything: loads the keyword files, opens and migrates the store, seeds the configured
    /// campaigns and opens the carrier.
    ///
    /// - Parameters:
    ///   - store: an already open store (tests pass an in-memory one); nil opens `config.databasePath`.
    ///   - carrier: a carrier to use instead of the configured one (tests pass a scripted mock).
    public static func make(
        config: TocsinConfig,
        clock: any WallClock = SystemWallClock(),
        store: SQLiteStore? = nil,
        carrier: (any CarrierAdapter)? = nil,
        logger: Logger
    ) async throws -> TocsinServices {
        let keywords = try KeywordSet.load(directory: config.keywordsDirectory)
        let classifier = KeywordClassifier(keywords)
        let store = try store ?? config.openStore()
        store.configureUnsubscribeLinks(baseURL: config.publicURL, validityDays: config.ledger.unsubscribeLinkDays)
        // The config file seeds campaigns the store does not have yet; after that the API owns them, so a
        // restart never undoes an archive or an edit made through the API.
        for campaign in config.campaigns where try await store.campaign(slug: campaign.slug) == nil {
            _ = try await store.upsertCampaign(campaign, actor: "config", now: clock.now)
        }
        let directory = CampaignDirectory()
        try await directory.reload(from: store)
        let renderer = KeywordReplyRenderer(keywords: keywords, profile: config.profile, directory: directory)
        let carrier = try carrier ?? Self.makeCarrier(config, clock: clock)
        let locks = KeyedLock()
        let suppressionGuard = SuppressionGuard()
        let inbound = InboundHandler(
            classifier: classifier, directory: directory, store: store, policy: InboundPolicy(
                profile: config.profile, reviewBusinessDays: config.reviewBusinessDays, calendar: config.reviewCalendar
            ),
            renderer: renderer, clock: clock, suppressionGuard: suppressionGuard, locks: locks
        )
        let replies = ReplySender(outbox: store, carrier: carrier, clock: clock, locks: locks, logger: logger)
        var services = TocsinServices(
            config: config, store: store, keywords: keywords, directory: directory, inbound: inbound,
            replies: replies,
            renderer: renderer, carrier: carrier, clock: clock,
            twilioSignature: config.twilioAuthToken.map { TwilioSignature(authToken: $0) },
            reviewDeadlines: ReviewDeadlineService(reviews: store, clock: clock, logger: logger),
            scheduler: AlertScheduler(
                alerts: store, clock: clock, sender: config.profile.defaultSender, batchSize: config.fanoutBatchSize,
                logger: logger
            ),
            dispatcher: Dispatcher(
                store: store, replies: replies, carrier: carrier, clock: clock, settings: config.dispatch,
                suppressionGuard: suppressionGuard, logger: logger
            ),
            suppressionGuard: suppressionGuard,
            logger: logger
        )
        services.optOutDeadline = config.optOutDeadline
        return services
    }

    static func makeCarrier(_ config: TocsinConfig, clock: any WallClock) throws -> any CarrierAdapter {
        switch config.carrierKind {
        case "mock": return try MockCarrier(outboxPath: config.mockOutboxPath, clock: clock)
        default:
            throw ConfigError("carrier.kind \(config.carrierKind) cannot send yet; use mock (sending through Twilio arrives with the carriers issue)")
        }
    }
}
