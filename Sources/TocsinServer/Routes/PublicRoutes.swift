import Hummingbird
import TocsinCore

/// Public, unauthenticated endpoints: the action counter and liveness.
struct PublicRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.get("/v1/campaigns/:slug/counter") { _, context in
            let slug = try context.parameters.require("slug")
            guard let campaign = try await self.services.store.campaign(slug: slug) else {
                throw APIError.notFound("no campaign with slug '\(slug)'")
            }
            let count = try await self.services.store.supporterCount(campaignID: campaign.id)
            return JSON.object(["campaign": .string(campaign.slug), "supporters": .int(count)]).response()
        }
        router.get("/healthz") { _, _ in
            JSON.object(["status": .string("ok")]).response()
        }
    }
}
