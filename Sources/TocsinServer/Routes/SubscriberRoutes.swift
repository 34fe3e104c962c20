import Foundation
import Hummingbird
import TocsinCore

/// A campaign's subscribers (role rule ``CampaignAccess/readSubscribers``):
/// `GET /v1/campaigns/{slug}/subscribers[?status=active|pending|opted_out&limit=N&after=ID]`, paged by
/// subscriber id (`next_after` is the next page's `after`), and `GET /v1/campaigns/{slug}/subscribers/{phone}`
/// with the number in any format (national numbers use the organisation's default region).
struct SubscriberRoutes {
    let services: TocsinServices
    static let defaultLimit = 100
    static let maxLimit = 1000

    func register(on router: Router<TocsinRequestContext>) {
        router.get("/v1/campaigns/:slug/subscribers") { request, context in
            _ = try context.require(access: .readSubscribers)
            let campaign = try await CampaignRoutes(services: self.services).campaign(context)
            let query = request.uri.queryParameters
            let status: SubscriptionStatus?
            switch query.get("status") {
            case nil, "all": status = nil
            case let text?:
                guard let parsed = SubscriptionStatus(rawValue: text) else {
                    throw APIError.badRequest("status must be active, pending, opted_out or all")
                }
                status = parsed
            }
            let limit = try Self.integer(query.get("limit"), name: "limit", default: Self.defaultLimit, range: 1...Self.maxLimit)
            let after = try Self.integer(query.get("after"), name: "after", default: 0, range: 0...Int.max)
            let page = try await self.services.store.subscribers(
                campaignID: campaign.id, status: status, after: Int64(after), limit: limit
            )
            return JSON.object([
                "campaign": .string(campaign.slug),
                "subscribers": .array(page.records.map(Self.json)),
                "next_after": page.nextAfter.map { .int(Int($0)) } ?? .null,
            ]).response()
        }
        router.get("/v1/campaigns/:slug/subscribers/:phone") { _, context in
            _ = try context.require(access: .readSubscribers)
            let campaign = try await CampaignRoutes(services: self.services).campaign(context)
            let raw = try context.parameters.require("phone")
            let text = raw.removingPercentEncoding ?? raw
            let phone: PhoneNumber
            do { phone = try PhoneNumber.parse(text, defaultRegion: self.services.config.profile.defaultRegion) } catch {
                throw APIError.invalid("the number in the path is not a valid phone number: \(error)")
            }
            guard let detail = try await self.services.store.subscriber(phone, campaignID: campaign.id) else {
                throw APIError.notFound("\(phone.masked) is not subscribed to campaign '\(campaign.slug)'")
            }
            return Self.json(detail, campaign: campaign.slug).response()
        }
    }

    /// A query parameter as an integer within `range`, or 400 saying what is allowed.
    static func integer(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    static func json(_ record: SubscriberRecord) -> JSON {
        .object([
            "id": .int(Int(record.id)),
            "phone": .string(record.phone.e164),
            "status": .string(record.status.rawValue),
            "joined_at": .optional(record.joinedAt?.formatted(.iso8601)),
            "language": .optional(record.language),
        ])
    }

    static func json(_ detail: SubscriberDetail, campaign: String) -> JSON {
        let record = detail.record
        return .object([
            "campaign": .string(campaign),
            "phone": .string(record.phone.e164),
            "status": .string(record.status.rawValue),
            "joined_at": .optional(record.joinedAt?.formatted(.iso8601)),
            "language": .optional(record.language),
            "first_name": .optional(record.firstName),
            "suppressed": .bool(detail.isSuppressed),
            "suppressed_at": .optional(detail.suppressedAt?.formatted(.iso8601)),
            "consent_events": .array(detail.events.map(Self.json)),
        ])
    }

    static func json(_ event: ConsentEventRecord) -> JSON {
        .object([
            "id": .int(Int(event.id)),
            "action": .string(event.action),
            "scope": .string(event.scope),
            "source": .string(event.source),
            "keyword": .optional(event.keyword),
            "raw_text": .optional(event.rawText),
            "source_url": .optional(event.sourceURL),
            "ip": .optional(event.ip),
            "user_agent": .optional(event.userAgent),
            "disclosure": .optional(event.disclosure),
            "staff": .optional(event.staff),
            "language": .optional(event.language),
            "occurred_at": .string(event.occurredAt.formatted(.iso8601)),
        ])
    }
}
