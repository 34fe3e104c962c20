import Foundation
import Hummingbird
import TocsinCore
import TocsinEngine

/// `POST /webhooks/mock/sms`: the mock carrier's inbound webhook, JSON `{"from","to","body","id"}`.
struct MockWebhookRoutes {
    let services: TocsinServices

    struct Payload: Decodable {
        var from: String?
        var to: String?
        var body: String?
        var id: String?
    }

    func register(on router: Router<TocsinRequestContext>) {
        router.post("/webhooks/mock/sms") { request, context in
            try await self.receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        var request = request
        let buffer = try await request.readBody(limit: self.services.config.maxBodyBytes)
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: Data(buffer: buffer))
        } catch {
            throw APIError.badRequest("body must be a JSON object {\"from\",\"to\",\"body\",\"id\"} in UTF-8")
        }
        guard let fromText = payload.from else { throw APIError.badRequest("missing field: from") }
        guard let to = payload.to, !to.isEmpty else { throw APIError.badRequest("missing field: to") }
        guard let body = payload.body else { throw APIError.badRequest("missing field: body") }
        guard let id = payload.id, !id.isEmpty, id.utf8.count <= 128 else {
            throw APIError.badRequest("missing field: id (the carrier's message id, 1–128 characters)")
        }
        let outcome = try await QueuedInbound.handle(
            carrier: "mock", messageID: id, from: fromText, field: "from", to: to, body: body, services: self.services
        )
        return JSON.object([
            "status": .string(outcome.duplicate ? "duplicate" : "processed"),
            "disposition": .optional(outcome.disposition?.rawValue),
            "replies": .array(outcome.replies.map { .string($0.body) }),
        ]).response()
    }
}
