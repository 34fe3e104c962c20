import Foundation
import TocsinCore
import TocsinStore
import TocsinTesting

/// Measures the store's inbound commit path alone: joins committed in batches, as the group commit does.
enum StoreBench {
    struct Renderer: ReplyRendering {
        func render(_ kind: MessageKind, language: String, campaignID: Int64?) -> String {
            "Rights Alerts: you're signed up for alerts. Up to 4 msgs/month. Msg & data rates may apply. Reply HELP for help, STOP to cancel."
        }
    }

    static func run(directory: String, messages: Int, batch: Int) async throws -> String {
        let path = directory + "/store-bench.sqlite"
        let store = try SQLiteStore(path: path)
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "bench", now: Date())
        let policy = InboundPolicy(defaultLanguage: "en", carrierAnswersStop: false, undoWindow: 3600)
        let start = ContinuousClock.now
        var index = 0
        while index < messages {
            let works = (index..<min(messages, index + batch)).map { i in
                InboundWork(
                    message: InboundMessage(
                        carrier: "twilio", carrierMessageID: "SM\(i)", from: Fixtures.phone(i), to: "+14155550100",
                        body: "RIGHTS", receivedAt: Date()
                    ),
                    classification: Classification(intent: .join, tier: .exact, language: "en", rule: "campaign.join:RIGHTS", campaignKeyword: "RIGHTS"),
                    joinCampaignID: campaign.id, replyRoute: .inline
                )
            }
            _ = try await store.commitInbound(works, policy: policy, renderer: Renderer(), now: Date())
            index += batch
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        return String(format: "store inbound commit (joins, batches of %d, synchronous=FULL): %.0f messages/s (%.1f µs each)", batch, Double(messages) / seconds, seconds / Double(messages) * 1e6)
    }
}
