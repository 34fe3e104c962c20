import Foundation
import TocsinCore
import TocsinRules

/// The inbound path: classify a supporter's text, commit its consent effects durably, and return the
/// replies to send. The webhook is acknowledged only after this returns.
public struct InboundHandler: Sendable {
    public let classifier: KeywordClassifier
    public let directory: CampaignDirectory
    let batcher: InboundBatcher

    public init(
        classifier: KeywordClassifier,
        directory: CampaignDirectory,
        store: any InboundStore,
        policy: InboundPolicy,
        renderer: any ReplyRendering,
        clock: any WallClock
    ) {
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
        return try await self.batcher.submit(work)
    }
}
