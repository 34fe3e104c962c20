import Foundation
import Hummingbird
import TocsinCore

/// The review queue for compliance staff (role `compliance`):
/// `GET /v1/reviews[?status=pending|opt_out|not_opt_out|expired_opt_out|superseded|all]` and
/// `POST /v1/reviews/{id}/resolve` with `{"decision":"opt_out"|"not_opt_out","reason":"…"}`.
struct ReviewRoutes {
    let services: TocsinServices

    struct Resolution: Decodable {
        var decision: String?
        var reason: String?
    }

    func register(on router: Router<TocsinRequestContext>) {
        router.get("/v1/reviews") { request, context in
            _ = try context.require(.compliance)
            let statusText = request.uri.queryParameters.get("status") ?? "pending"
            let status: ReviewStatus?
            if statusText == "all" {
                status = nil
            } else if let parsed = ReviewStatus(rawValue: statusText) {
                status = parsed
            } else {
                throw APIError.badRequest("status must be all or one of \(ReviewStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let items = try await self.services.store.reviewItems(status: status, limit: 1000)
            return JSON.object(["items": .array(items.map(Self.json))]).response()
        }
        router.post("/v1/reviews/:id/resolve") { request, context in
            let reviewer = try context.require(.compliance)
            guard let id = Int64(try context.parameters.require("id")) else { throw APIError.badRequest("the review id must be a number") }
            var request = request
            let buffer = try await request.readBody(limit: self.services.config.maxBodyBytes)
            guard let body = try? JSONDecoder().decode(Resolution.self, from: Data(buffer: buffer)) else {
                throw APIError.badRequest("body must be {\"decision\":\"opt_out\"|\"not_opt_out\",\"reason\":\"…\"}")
            }
            guard let decision = body.decision.flatMap(ReviewDecision.init(rawValue:)) else {
                throw APIError.badRequest("decision must be opt_out or not_opt_out")
            }
            guard let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
                throw APIError.badRequest("missing field: reason (why you decided, for the audit trail)")
            }
            do {
                let item = try await self.services.store.resolveReview(
                    id: id, decision: decision, reason: reason, reviewer: reviewer.name, now: self.services.clock.now
                )
                return Self.json(item).response()
            } catch let error as StoreError {
                throw APIError(error)
            }
        }
    }

    static func json(_ item: ReviewItem) -> JSON {
        .object([
            "id": .int(Int(item.id)),
            "phone": .string(item.phone.e164),
            "body": .string(item.body),
            "tier": .string(item.tier),
            "rule": .optional(item.rule),
            "language": .optional(item.language),
            "received_at": .string(item.receivedAt.formatted(.iso8601)),
            "deadline": .string(item.deadline.formatted(.iso8601)),
            "status": .string(item.status.rawValue),
            "resolved_at": .optional(item.resolvedAt?.formatted(.iso8601)),
            "resolved_by": .optional(item.resolvedBy),
            "reason": .optional(item.reason),
        ])
    }
}
