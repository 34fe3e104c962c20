import Hummingbird
import TocsinCore

/// The inbound path of a carrier whose webhook does not take the reply in its response (the mock, Telnyx):
/// parse the sender, commit the text's effects, then send the replies through the carrier.
enum QueuedInbound {
    /// - Parameter field: how the sender field is named in the carrier's payload, for the 422 message.
    static func handle(
        carrier: String, messageID: String, from fromText: String, field: String, to: String, body: String,
        services: TocsinServices
    ) async throws -> InboundOutcome {
        let from: PhoneNumber
        do {
            from = try PhoneNumber.parse(fromText, defaultRegion: services.config.profile.defaultRegion)
        } catch {
            throw APIError.invalid("\(field) is not a valid phone number: \(error)")
        }
        let message = InboundMessage(
            carrier: carrier, carrierMessageID: messageID, from: from, to: to, body: body, receivedAt: services.clock.now
        )
        let outcome: InboundOutcome
        do {
            outcome = try await services.inbound.handle(message, route: .carrier)
        } catch let error as StoreError {
            throw APIError(error)
        }
        await services.replies.send(outcome.replies)
        return outcome
    }
}
