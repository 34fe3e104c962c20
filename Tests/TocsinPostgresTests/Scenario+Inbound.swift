import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// Inbound texts for the conformance suites.
extension Scenario {
    static let policy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600)

    /// One classified inbound text from `phone`.
    static func work(
        _ phone: PhoneNumber, _ id: String, _ intent: Intent, body: String? = nil, language: String? = "en",
        tier: MatchTier = .exact, rule: String = "test", join: Int64? = nil, route: ReplyRoute = .carrier,
        carrier: String = "mock", at time: Date = Scenario.noon
    ) -> InboundWork {
        InboundWork(
            message: InboundMessage(
                carrier: carrier, carrierMessageID: id, from: phone, to: self.sender, body: body ?? intent.rawValue, receivedAt: time
            ),
            classification: Classification(intent: intent, tier: tier, language: language, rule: rule),
            joinCampaignID: join, replyRoute: route
        )
    }

    /// Commits one inbound text and returns its outcome (a failed message fails the test).
    @discardableResult
    static func inbound(
        _ store: EngineStore, _ phone: PhoneNumber, _ id: String, _ intent: Intent, body: String? = nil,
        language: String? = "en", tier: MatchTier = .exact, rule: String = "test", join: Int64? = nil,
        route: ReplyRoute = .carrier, at time: Date = Scenario.noon
    ) async throws -> InboundOutcome {
        let work = self.work(phone, id, intent, body: body, language: language, tier: tier, rule: rule, join: join, route: route, at: time)
        return try await store.store.commitInbound([work], policy: self.policy, renderer: KindRenderer(), now: time)[0].get()
    }

    /// An ambiguous text ("STOP police violence") that goes to the review queue.
    @discardableResult
    static func ambiguous(_ store: EngineStore, _ phone: PhoneNumber, _ id: String, at time: Date = Scenario.noon) async throws -> InboundOutcome {
        try await self.inbound(
            store, phone, id, .review, body: "STOP police violence", tier: .ambiguous, rule: "any.ambiguous.per_se:stop", at: time
        )
    }

    /// The number's subscription status in `campaign` (sms), or nil.
    static func subscription(_ store: EngineStore, _ phone: PhoneNumber, campaign: Int64) async throws -> String? {
        let statuses = ["pending", "active", "opted_out"]
        for status in statuses
        where try await store.count(
            """
            SELECT COUNT(*) FROM subscription s JOIN subscriber p ON p.id = s.subscriber_id
            WHERE p.phone = '\(phone.e164)' AND s.campaign_id = \(campaign) AND s.channel = 'sms' AND s.status = '\(status)'
            """
        ) > 0 {
            return status
        }
        return nil
    }
}
