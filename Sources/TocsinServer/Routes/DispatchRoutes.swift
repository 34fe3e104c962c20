import Foundation
import Hummingbird
import TocsinCore

/// Sending operations: `POST /v1/dispatch/pause|resume` (admin), `GET /v1/dispatch` (admin, compliance),
/// `GET /v1/dispatch/in-doubt` (admin, compliance) and `POST /v1/campaigns/{slug}/pause|resume` (campaigner).
/// Pauses are stored, so they survive restarts, and are obeyed at the next claim.
struct DispatchRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        for (action, paused) in [("pause", true), ("resume", false)] {
            router.post("/v1/dispatch/\(action)") { _, context in
                let identity = try context.require(.admin)
                try await self.services.store.setDispatchPaused(paused, campaignID: nil, actor: identity.name, now: self.services.clock.now)
                return try await self.state().response()
            }
            router.post("/v1/campaigns/:slug/\(action)") { _, context in
                let identity = try context.require(.campaigner)
                let slug = try context.parameters.require("slug")
                guard let campaign = try await self.services.store.campaign(slug: slug) else {
                    throw APIError.notFound("no campaign with slug '\(slug)'")
                }
                try await self.services.store.setDispatchPaused(
                    paused, campaignID: campaign.id, actor: identity.name, now: self.services.clock.now
                )
                return JSON.object(["campaign": .string(campaign.slug), "sending_paused": .bool(paused)]).response()
            }
        }
        router.get("/v1/dispatch") { _, context in
            _ = try context.require(.admin, .compliance)
            return try await self.state().response()
        }
        router.get("/v1/dispatch/in-doubt") { request, context in
            _ = try context.require(.admin, .compliance)
            let limit = min(max(request.uri.queryParameters.get("limit", as: Int.self) ?? 1000, 1), 10_000)
            let messages = try await self.services.store.inDoubtMessages(limit: limit)
            return JSON.object([
                "count": .int(messages.count),
                "messages": .array(messages.map { message in
                    .object([
                        "id": .int(Int(message.id)), "to": .string(message.to), "kind": .string(message.kind),
                        "campaign": message.campaign.map(JSON.string) ?? .null,
                        "marked_at": .string(ISO8601DateFormatter().string(from: message.markedAt)),
                        "attempts": .int(message.attempts),
                    ])
                }),
            ]).response()
        }
    }

    func state() async throws -> JSON {
        let pauses = try await self.services.store.dispatchPauses()
        var slugs: [JSON] = []
        for id in pauses.campaigns {
            if let campaign = try await self.services.store.campaign(id: id) { slugs.append(.string(campaign.slug)) }
        }
        return .object(["paused": .bool(pauses.global), "paused_campaigns": .array(slugs)])
    }
}
