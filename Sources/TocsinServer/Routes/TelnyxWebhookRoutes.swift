import Foundation
import Hummingbird
import TocsinCarriers
import TocsinCore
import TocsinEngine

/// `POST /webhooks/telnyx/sms`: Telnyx's messaging webhook, Ed25519-signed. `message.received` is an
/// inbound SMS (replies leave through the outbox and the carrier, since Telnyx takes none in the response);
/// `message.sent` and `message.finalized` are delivery receipts.
struct TelnyxWebhookRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.post(RouterPath(stringLiteral: TocsinServices.telnyxWebhookPath)) { request, context in
            try await self.receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        guard let signature = self.services.telnyxSignature else {
            throw APIError(.serviceUnavailable, "not_configured", "Telnyx is not configured: set telnyx.public_key (TOCSIN_TELNYX_PUBLIC_KEY)")
        }
        var request = request
        let body = Array(try await request.readBody(limit: self.services.config.maxBodyBytes).readableBytesView)
        func header(_ name: String) -> String? { request.headers.first { $0.name.canonicalName == name }?.value }
        guard
            signature.isValid(
                signature: header("telnyx-signature-ed25519"), timestamp: header("telnyx-timestamp"), body: body,
                now: self.services.clock.now
            )
        else {
            throw APIError.forbidden(
                "telnyx-signature-ed25519 does not match or telnyx-timestamp is more than 5 minutes off; check telnyx.public_key and the clock"
            )
        }
        let event: TelnyxEvent
        do {
            event = try TelnyxEvent.parse(body)
        } catch {
            throw APIError.badRequest("unreadable Telnyx webhook: \(error)")
        }
        switch event {
        case .inbound(let messageID, let fromText, let to, let text):
            return try await self.inbound(messageID: messageID, from: fromText, to: to, text: text)
        case .receipt(let receipt):
            let outcome = try await DeliveryReceipts.apply(receipt, services: self.services, logger: context.logger)
            return JSON.object(["status": .string(outcome.rawValue)]).response()
        case .ignored:
            return JSON.object(["status": .string("ignored")]).response()
        }
    }

    private func inbound(messageID: String, from fromText: String, to: String, text: String) async throws -> Response {
        let outcome = try await QueuedInbound.handle(
            carrier: "telnyx", messageID: messageID, from: fromText, field: "data.payload.from.phone_number", to: to, body: text,
            services: self.services
        )
        return JSON.object([
            "status": .string(outcome.duplicate ? "duplicate" : "processed"),
            "disposition": .optional(outcome.disposition?.rawValue),
        ]).response()
    }
}
