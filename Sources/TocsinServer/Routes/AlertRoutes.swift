import Foundation
import Hummingbird
import TocsinCore

/// Alerts: `POST/GET /v1/campaigns/{slug}/alerts`, `GET /v1/alerts/{id}`, `GET /v1/alerts/{id}/preview`,
/// `POST /v1/alerts/{id}/pause|resume|cancel`, `POST /v1/campaigns/{slug}/alerts/check` (launch check dry run;
/// create and resume run it too and refuse with 422). Writes need role `campaigner`; reads `campaigner` or
/// `compliance` (admin always).
struct AlertRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.post("/v1/campaigns/:slug/alerts") { request, context in
            let identity = try context.require(.campaigner)
            let campaign = try await self.campaign(context)
            guard campaign.status == .active else {
                throw APIError(.conflict, "conflict", "campaign '\(campaign.slug)' is archived: alerts need an active campaign")
            }
            var request = request
            let buffer = try await request.readBody(limit: self.services.config.maxBodyBytes)
            let body: AlertRequest
            do { body = try JSONDecoder().decode(AlertRequest.self, from: Data(buffer: buffer)) } catch {
                throw APIError.badRequest("body must be a JSON object with name, bodies, schedule and optional channel, expiry_hours")
            }
            let now = self.services.clock.now
            let draft = try body.draft(now: now)
            if draft.channel == .voice, let problem = self.services.voiceProblem { throw APIError.invalid(problem) }
            let segments: [String: SegmentCount]
            do {
                segments = try draft.validate(
                    campaign: campaign, brand: self.services.config.profile.brand,
                    maxSegments: self.services.config.maxSegments, now: now
                )
            } catch {
                throw APIError.invalid("\(error)")
            }
            let check = try await self.launchCheck(bodies: draft.bodies, channel: draft.channel, campaign: campaign, alertID: nil)
            if self.refuses(check) { return self.refusal(check, action: "created") }
            let alert = try await self.services.store.createAlert(
                Alert(
                    campaignID: campaign.id, name: draft.name, channel: draft.channel, bodies: draft.bodies,
                    schedule: draft.schedule, expirySeconds: draft.expirySeconds, createdBy: identity.name, createdAt: now
                ),
                now: now
            )
            var json = try await self.json(alert, campaign: campaign, segments: segments)
            if case .fields(let fields) = json { json = .fields(fields + [("launch_check", Self.json(check))]) }
            return json.response(status: .created)
        }
        router.post("/v1/campaigns/:slug/alerts/check") { request, context in
            _ = try context.require(.campaigner, .compliance)
            let campaign = try await self.campaign(context)
            var request = request
            let buffer = try await request.readBody(limit: self.services.config.maxBodyBytes)
            let body: AlertRequest
            do { body = try JSONDecoder().decode(AlertRequest.self, from: Data(buffer: buffer)) } catch {
                throw APIError.badRequest("body must be a JSON object with bodies and optional channel (as for creating an alert)")
            }
            guard let bodies = body.bodies else { throw APIError.badRequest("missing field: bodies (a template per language, e.g. {\"en\":\"…\"})") }
            guard let channel = Channel(rawValue: body.channel ?? "sms") else { throw APIError.invalid("channel must be sms or voice") }
            let check = try await self.launchCheck(bodies: bodies, channel: channel, campaign: campaign, alertID: nil)
            return JSON.fields([("campaign", .string(campaign.slug)), ("launch_check", Self.json(check))]).response()
        }
        router.get("/v1/campaigns/:slug/alerts") { _, context in
            _ = try context.require(.campaigner, .compliance)
            let campaign = try await self.campaign(context)
            let alerts = try await self.services.store.alerts(campaignID: campaign.id)
            var items: [JSON] = []
            for alert in alerts { items.append(try await self.json(alert, campaign: campaign, segments: nil)) }
            return JSON.object(["alerts": .array(items)]).response()
        }
        router.get("/v1/alerts/:id") { _, context in
            _ = try context.require(.campaigner, .compliance)
            let (alert, campaign) = try await self.alert(context)
            return try await self.json(alert, campaign: campaign, segments: self.segments(alert, campaign)).response()
        }
        router.get("/v1/alerts/:id/preview") { request, context in
            _ = try context.require(.campaigner, .compliance)
            let (alert, campaign) = try await self.alert(context)
            let count = min(max(request.uri.queryParameters.get("count", as: Int.self) ?? 5, 1), 100)
            return try self.preview(alert, campaign: campaign, count: count).response()
        }
        for (action, status) in [("pause", AlertStatus.paused), ("resume", .active), ("cancel", .cancelled)] {
            router.post("/v1/alerts/:id/\(action)") { _, context in
                let identity = try context.require(.campaigner)
                let (alert, campaign) = try await self.alert(context)
                if status == .active, alert.status == .paused {
                    let check = try await self.launchCheck(bodies: alert.bodies, channel: alert.channel, campaign: campaign, alertID: alert.id)
                    if self.refuses(check) { return self.refusal(check, action: "resumed") }
                }
                do {
                    let updated = try await self.services.store.setAlertStatus(id: alert.id, status, actor: identity.name, now: self.services.clock.now)
                    return try await self.json(updated, campaign: campaign, segments: nil).response()
                } catch let error as StoreError {
                    throw APIError(error)
                }
            }
        }
    }

    func campaign(_ context: TocsinRequestContext) async throws -> Campaign {
        let slug = try context.parameters.require("slug")
        guard let campaign = try await self.services.store.campaign(slug: slug) else {
            throw APIError.notFound("no campaign with slug '\(slug)'")
        }
        return campaign
    }

    func alert(_ context: TocsinRequestContext) async throws -> (Alert, Campaign) {
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.badRequest("the alert id must be a number") }
        guard let alert = try await self.services.store.alert(id: id),
            let campaign = try await self.services.store.campaign(id: alert.campaignID)
        else { throw APIError.notFound("no alert with id \(id)") }
        return (alert, campaign)
    }

    func segments(_ alert: Alert, _ campaign: Campaign) -> [String: SegmentCount] {
        let values = AlertDraft.values(campaign: campaign, brand: self.services.config.profile.brand, firstName: "Alexandria")
        return alert.bodies.compactMapValues { text in
            (try? MessageTemplate(text, allowedPlaceholders: AlertDraft.placeholders)).map { SegmentCount.count($0.render(values)) }
        }
    }

    func json(_ alert: Alert, campaign: Campaign, segments: [String: SegmentCount]?) async throws -> JSON {
        let progress = try await self.services.store.alertProgress(id: alert.id)
        let states = ["queued", "deferred", "sending", "sent", "delivered", "undelivered", "suppressed", "failed", "expired", "cancelled"]
        let counts = JSON.fields(states.map { ($0, JSON.int(progress.counts[$0] ?? 0)) })
        var segmentJSON: JSON = .null
        if let segments {
            segmentJSON = .fields(segments.sorted { $0.key < $1.key }.map { language, count in
                (language, JSON.object(["encoding": .string(count.encoding.rawValue), "units": .int(count.units), "segments": .int(count.segments)]))
            })
        }
        return .object([
            "id": .int(Int(alert.id)),
            "campaign": .string(campaign.slug),
            "name": .string(alert.name),
            "channel": .string(alert.channel.rawValue),
            "status": .string(alert.status.rawValue),
            "bodies": .fields(alert.bodies.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }),
            "schedule": alert.schedule.json,
            "expiry_hours": .int(alert.expirySeconds / 3600),
            "next_occurrence_at": .optional(alert.nextOccurrenceAt?.formatted(.iso8601)),
            "segments": segmentJSON,
            "occurrences": .int(progress.occurrences),
            "counts": counts,
        ])
    }

    func preview(_ alert: Alert, campaign: Campaign, count: Int) throws -> JSON {
        var occurrences: [JSON] = []
        var after: Date? = self.services.clock.now
        while occurrences.count < count, let next = try alert.nextOccurrence(after: after) {
            occurrences.append(.object([
                "at": .string(next.scheduledAt.formatted(.iso8601)),
                "local": .optional(next.local?.description),
                "delivery": .string(next.delivery.rawValue),
            ]))
            after = next.scheduledAt
        }
        var bodies: [(String, JSON)] = []
        let values = AlertDraft.values(campaign: campaign, brand: self.services.config.profile.brand, firstName: nil)
        for (language, text) in alert.bodies.sorted(by: { $0.key < $1.key }) {
            guard let template = try? MessageTemplate(text, allowedPlaceholders: AlertDraft.placeholders) else { continue }
            let rendered = template.render(values)
            let segments = SegmentCount.count(rendered)
            bodies.append((language, .object(["text": .string(rendered), "encoding": .string(segments.encoding.rawValue), "segments": .int(segments.segments)])))
        }
        return .object([
            "alert": .int(Int(alert.id)),
            "occurrences": .array(occurrences),
            "bodies": .fields(bodies),
        ])
    }
}
