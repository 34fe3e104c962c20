import Foundation
import Hummingbird
import TocsinCarriers
import TocsinCore
import TocsinEngine

/// `POST /webhooks/twilio/sms`: Twilio's inbound SMS webhook (form fields), signature-checked, answered
/// with TwiML carrying the replies.
struct TwilioWebhookRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.post("/webhooks/twilio/sms") { request, context in
            try await self.receive(request, context: context)
        }
    }

    func receive(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let fields = try await TwilioSignedForm.read(request, services: self.services)
        let message = try TwilioInbound.message(from: fields, defaultRegion: self.services.config.profile.defaultRegion, receivedAt: self.services.clock.now)
        let outcome: InboundOutcome
        do {
            outcome = try await self.services.inbound.handle(message, route: .inline)
        } catch let error as StoreError {
            throw APIError(error)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/xml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: TwiML.messages(outcome.replies.map(\.body))))
        )
    }
}

/// Reads Twilio's inbound SMS form fields.
enum TwilioInbound {
    static func message(from fields: [(String, String)], defaultRegion: String, receivedAt: Date) throws -> InboundMessage {
        func field(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
        guard let sid = field("MessageSid") ?? field("SmsSid"), !sid.isEmpty else {
            throw APIError.badRequest("missing field: MessageSid")
        }
        guard let fromText = field("From") else { throw APIError.badRequest("missing field: From") }
        guard let to = field("To") else { throw APIError.badRequest("missing field: To") }
        guard let body = field("Body") else { throw APIError.badRequest("missing field: Body") }
        let from: PhoneNumber
        do { from = try PhoneNumber.parse(fromText, defaultRegion: defaultRegion) } catch {
            throw APIError.invalid("From is not a valid phone number: \(error)")
        }
        let handled: Intent? = switch field("OptOutType")?.uppercased() {
        case "STOP": .optOut
        case "START": .optIn
        case "HELP": .help
        default: nil
        }
        return InboundMessage(
            carrier: "twilio", carrierMessageID: sid, from: from, to: to, body: body, receivedAt: receivedAt,
            carrierHandled: handled
        )
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        self.hasSuffix(suffix) ? String(self.dropLast(suffix.count)) : self
    }
}
