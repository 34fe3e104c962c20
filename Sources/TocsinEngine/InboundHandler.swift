import Foundation
import TocsinCore
import TocsinRules

/// The inbound path: classify a supporter's text, commit its consent effects durably, and return the
/// replies to send. The webhook is acknowledged only after this returns.
public struct InboundHandler: Sendable {
    public let classifier: KeywordClassifier
    public let directory: CampaignDirectory
    let batcher: InboundBatcher
    let store: any InboundStore
    let suppressionGuard: SuppressionGuard?
    let locks: KeyedLock?
    /// Counts inbound texts by intent and tier (disabled unless set).
    public var metrics = EngineMetrics.disabled

    public init(
        classifier: KeywordClassifier,
        directory: CampaignDirectory,
        store: any InboundStore,
        policy: InboundPolicy,
        renderer: any ReplyRendering,
        clock: any WallClock,
        suppressionGuard: SuppressionGuard? = nil,
        locks: KeyedLock? = nil
    ) {
        self.store = store
        self.suppressionGuard = suppressionGuard
        self.locks = locks
        self.classifier = classifier
        self.directory = directory
        self.batcher = InboundBatcher(store: store, policy: policy, renderer: renderer, clock: clock)
    }

    /// Classifies and commits one inbound message.
    ///
    /// - Parameter route: whether replies are queued for a carrier or returned inline (TwiML).
    /// - Returns: what was done, with the replies written to the outbox.
    public func handle(_ message: InboundMessage, route: ReplyRoute) async throws -> InboundOutcome {
        let snapshot = self.directory.snapshot
        var classification = self.classifier.classify(message.body, campaignKeywords: snapshot.keywordIndex)
        // The carrier already acted on its own keyword (e.g. Twilio blocked the number on STOP): our state
        // must follow the carrier's, whatever our classifier made of the text.
        if let handled = message.carrierHandled, handled != classification.intent {
            classification = Classification(
                intent: handled, tier: .exact, language: classification.language,
                rule: "carrier.\(message.carrier).\(handled.rawValue)"
            )
        }
        let joinCampaign: Int64? =
            classification.intent == .join ? classification.campaignKeyword.flatMap(snapshot.campaignID(keyword:)) : nil
        let work = InboundWork(
            message: message, classification: classification, joinCampaignID: joinCampaign, replyRoute: route
        )
        let outcome = try await self.commit(work, classification: classification, message: message)
        self.metrics.inbound(classification, duplicate: outcome.duplicate)
        return outcome
    }

    func commit(_ work: InboundWork, classification: Classification, message: InboundMessage) async throws -> InboundOutcome {
        guard let suppressionGuard = self.suppressionGuard else { return try await self.batcher.submit(work) }
        let number = message.from.e164
        if classification.intent == .optOut {
            // Into the guard before the commit starts, under the number's lock: a send already past its
            // guard check finishes first, and every later send sees the number.
            if let locks = self.locks {
                await locks.withLock(number) { suppressionGuard.insert(number) }
            } else {
                suppressionGuard.insert(number)
            }
            do {
                return try await self.batcher.submit(work)
            } catch {
                if !((try? await self.store.isSuppressed(message.from)) ?? true) { suppressionGuard.remove(number) }
                throw error
            }
        }
        let outcome = try await self.batcher.submit(work)
        if [.optIn, .undo].contains(classification.intent), suppressionGuard.contains(number),
            !((try? await self.store.isSuppressed(message.from)) ?? true)
        {
            suppressionGuard.remove(number)
        }
        return outcome
    }
}
