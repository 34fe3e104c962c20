import Foundation
import Hummingbird
import TocsinCore

/// `POST /v1/optins`: petition platforms (role `intake`) report a ticked SMS box; the number gets a
/// "Reply Y to confirm" text (double opt-in).
struct OptInRoutes {
    let services: TocsinServices

    struct Payload: Decodable {
        var phone: String?
        var campaign: String?
        var disclosure: String?
        var sourceURL: String?
        var ip: String?
        var userAgent: String?
        var language: String?
        var firstName: String?
        var channels: [String]?

        enum CodingKeys: String, CodingKey {
            case phone, campaign, disclosure, ip, language, channels
            case sourceURL = "source_url"
            case userAgent = "user_agent"
            case firstName = "first_name"
        }
    }

    func register(on router: Router<TocsinRequestContext>) {
        router.post("/v1/optins") { request, context in
            try await self.create(request, context: context)
        }
    }

    func create(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let identity = try context.require(.intake)
        var request = request
        let buffer = try await request.readBody(limit: self.services.config.maxBodyBytes)
        let payload: Payload
        do {
            payload = try JSONDecoder().decode(Payload.self, from: Data(buffer: buffer))
        } catch {
            throw APIError.badRequest("body must be a JSON object with phone, campaign, disclosure, source_url, ip, user_agent, language")
        }
        func required(_ value: String?, _ name: String) throws -> String {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError.badRequest("missing field: \(name)")
            }
            return value
        }
        let phoneText = try required(payload.phone, "phone")
        let slug = try required(payload.campaign, "campaign")
        let disclosure = try required(payload.disclosure, "disclosure (the exact consent text the supporter saw)")
        let sourceURL = try required(payload.sourceURL, "source_url")
        let language = payload.language ?? self.services.config.profile.defaultLanguage
        guard self.services.keywords.languages.contains(language) else {
            throw APIError.invalid("language must be one of \(self.services.keywords.languages.joined(separator: ", "))")
        }
        let phone: PhoneNumber
        do { phone = try PhoneNumber.parse(phoneText, defaultRegion: self.services.config.profile.defaultRegion) } catch {
            throw APIError.invalid("phone is not a valid number: \(error)")
        }
        let channels = try Self.channels(payload.channels)
        let optIn = WebOptInRequest(
            phone: phone, campaignSlug: slug, disclosure: disclosure, sourceURL: sourceURL, ip: payload.ip,
            userAgent: payload.userAgent, language: language, firstName: payload.firstName, actor: identity.name
        )
        let outcome: WebOptInOutcome
        let voice: VoiceOptInStatus?
        do {
            let result = try await self.services.store.requestWebOptIn(
                optIn, voice: channels.contains(.voice), renderer: self.services.renderer,
                sender: self.services.config.profile.defaultSender, now: self.services.clock.now
            )
            outcome = result.sms
            voice = result.voice
        } catch let error as StoreError {
            throw APIError(error)
        }
        if let prompt = outcome.prompt { await self.services.replies.send([prompt]) }
        var fields: [(String, JSON)] = [("status", .string(outcome.status.rawValue)), ("prompt_sent", .bool(outcome.prompt != nil))]
        if let voice { fields.append(("voice", .string(voice.rawValue))) }
        return JSON.fields(fields).response(status: outcome.status == .pending ? .accepted : .ok)
    }

    /// The consent channels asked for: `sms` (default) and optionally `voice` (the petition's "calls" box).
    /// Voice consent is confirmed by the same "reply Y" text, so it comes with `sms`.
    static func channels(_ names: [String]?) throws -> Set<Channel> {
        guard let names else { return [.sms] }
        var channels: Set<Channel> = []
        for name in names {
            guard let channel = Channel(rawValue: name) else { throw APIError.invalid("channels entries must be sms or voice, not '\(name)'") }
            channels.insert(channel)
        }
        guard channels.contains(.sms) else {
            throw APIError.invalid("channels must include sms: consent to calls is confirmed by the supporter's Y reply to the opt-in text")
        }
        return channels
    }
}
