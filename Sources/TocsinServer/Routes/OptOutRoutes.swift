import Foundation
import Hummingbird
import TocsinCore
import TocsinStore

/// Opt-outs by any reasonable means and erasure:
/// `POST /v1/opt-outs` `{"phone","channel","reason"}` (roles compliance and campaigner: whoever hears a
/// supporter ask to stop must be able to record it) and `POST /v1/erasures` `{"phone","reason"}` (compliance).
struct OptOutRoutes {
    let services: TocsinServices

    /// How a staff-entered opt-out reached the organisation.
    static let channels = ["phone", "email", "mail", "in_person", "web", "sms", "voice", "social", "other"]

    struct Payload: Decodable {
        var phone: String?
        var channel: String?
        var reason: String?
    }

    func register(on router: Router<TocsinRequestContext>) {
        router.post("/v1/opt-outs") { request, context in
            let staff = try context.require(.compliance, .campaigner)
            let payload = try await self.payload(request, context: context, shape: #"{"phone":"…","channel":"email","reason":"…"}"#)
            let phone = try self.phone(payload.phone)
            guard let channel = payload.channel, Self.channels.contains(channel) else {
                throw APIError.invalid("channel must be one of \(Self.channels.joined(separator: ", ")) (how the request reached you)")
            }
            let reason = try self.reason(payload.reason)
            let recorded = try await self.guarded(phone) {
                try await self.services.store.recordOptOut(
                    OptOutRequest(phone: phone, channel: channel, reason: reason, staff: staff.name, source: .staff), now: self.services.clock.now
                )
            }
            return JSON.object([
                "status": .string("suppressed"), "consent_event_id": .int(Int(recorded.consentEventID)), "source": .string("staff"),
                "channel": .string(channel), "staff": .string(staff.name),
            ]).response(status: .created)
        }
        router.post("/v1/erasures") { request, context in
            let staff = try context.require(.compliance)
            let payload = try await self.payload(request, context: context, shape: #"{"phone":"…","reason":"…"}"#)
            let phone = try self.phone(payload.phone)
            let reason = try self.reason(payload.reason)
            let outcome = try await self.guarded(phone) {
                try await self.services.store.erase(phone, actor: staff.name, reason: reason, now: self.services.clock.now)
            }
            return JSON.object([
                "status": .string("erased"), "consent_event_id": .int(Int(outcome.consentEventID)), "phone_key": .string(outcome.phoneKey),
                "redacted": .fields(outcome.redacted.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) }),
            ]).response(status: .created)
        }
    }

    /// Runs a suppressing write with the number in the suppression guard first (as the STOP path does), so
    /// a send the dispatcher is about to start stops; the number leaves the guard if the write failed.
    func guarded<T: Sendable>(_ phone: PhoneNumber, _ write: () async throws -> T) async throws -> T {
        self.services.suppressionGuard.insert(phone.e164)
        do {
            return try await write()
        } catch {
            if !((try? await self.services.store.isSuppressed(phone)) ?? true) { self.services.suppressionGuard.remove(phone.e164) }
            throw error
        }
    }

    func payload(_ request: Request, context: TocsinRequestContext, shape: String) async throws -> Payload {
        var request = request
        let buffer = try await request.readBody(limit: self.services.config.maxBodyBytes)
        guard let payload = try? JSONDecoder().decode(Payload.self, from: Data(buffer: buffer)) else {
            throw APIError.badRequest("body must be \(shape)")
        }
        return payload
    }

    func phone(_ text: String?) throws -> PhoneNumber {
        guard let text, !text.isEmpty else { throw APIError.badRequest("missing field: phone") }
        do { return try PhoneNumber.parse(text, defaultRegion: self.services.config.profile.defaultRegion) } catch {
            throw APIError.invalid("phone is not a valid number: \(error)")
        }
    }

    func reason(_ text: String?) throws -> String {
        guard let reason = text?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            throw APIError.badRequest("missing field: reason (what the supporter asked and how, for the record)")
        }
        return reason
    }
}
