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

        enum CodingKeys: String, CodingKey {
            case phone, campaign, disclosure, ip, language
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
        let optIn = WebOptInRequest(
            phone: phone, campaignSlug: slug, disclosure: disclosure, sourceURL: sourceURL, ip: payload.ip,
            userAgent: payload.userAgent, language: language, firstName: payload.firstName, actor: identity.name
        )
        let outcome: WebOptInOutcome
        do {
            outcome = try await self.services.store.requestWebOptIn(
                optIn, renderer: self.services.renderer, sender: self.services.config.profile.defaultSender,
                now: self.services.clock.now
            )
        } catch let error as StoreError {
            throw APIError(error)
        }
        if let prompt = outcome.prompt { await self.services.replies.send([prompt]) }
        return JSON.object([
            "status": .string(outcome.status.rawValue),
            "prompt_sent": .bool(outcome.prompt != nil),
        ]).response(status: outcome.status == .pending ? .accepted : .ok)
    }
}
