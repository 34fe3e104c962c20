import Foundation
import Hummingbird
import TocsinCarriers
import TocsinCore

/// `POST /webhooks/twilio/status`: Twilio's message status callbacks (delivery receipts), signature-checked
/// like the inbound webhook; each updates its message through ``TwilioStatus/table``, forward only.
struct TwilioStatusRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.post(RouterPath(stringLiteral: TocsinServices.twilioStatusPath)) { request, context in
            try await self.receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let fields = try await TwilioSignedForm.read(request, services: self.services)
        let receipt: DeliveryReceipt?
        do {
            receipt = try TwilioStatus.receipt(from: fields)
        } catch {
            guard case .missingField(let name) = error else { throw APIError.badRequest("unreadable status callback") }
            throw APIError.badRequest("missing field: \(name)")
        }
        guard let receipt else {
            return JSON.object(["status": .string("ignored")]).response()
        }
        let outcome = try await DeliveryReceipts.apply(receipt, services: self.services, logger: context.logger)
        return JSON.object(["status": .string(outcome.rawValue)]).response()
    }
}

/// Reading a Twilio webhook: form body, then `X-Twilio-Signature` against `server.public_url` + the path.
enum TwilioSignedForm {
    /// The POST fields of a Twilio webhook whose signature is valid.
    ///
    /// - Throws: ``APIError`` 503 when Twilio is not configured, 400 for a malformed body, 403 for a wrong
    ///   or missing signature (nothing is stored then).
    static func read(_ request: Request, services: TocsinServices) async throws -> [(String, String)] {
        guard let signature = services.twilioSignature else {
            throw APIError(.serviceUnavailable, "not_configured", "Twilio is not configured: set twilio.auth_token (TOCSIN_TWILIO_AUTH_TOKEN)")
        }
        var request = request
        let buffer = try await request.readBody(limit: services.config.maxBodyBytes)
        let fields: [(String, String)]
        do {
            fields = try FormBody.parse(buffer.readableBytesView)
        } catch {
            throw APIError.badRequest("body must be application/x-www-form-urlencoded UTF-8: \(error)")
        }
        let url = services.config.publicURL.trimmingSuffix("/") + request.uri.description
        let header = request.headers.first { $0.name.canonicalName == "x-twilio-signature" }?.value
        guard signature.isValid(header, url: url, parameters: fields) else {
            throw APIError.forbidden("X-Twilio-Signature does not match; check twilio.auth_token and server.public_url")
        }
        return fields
    }
}
