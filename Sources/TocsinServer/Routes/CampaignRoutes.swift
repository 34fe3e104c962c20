import Foundation
import Hummingbird
import TocsinCore

/// Campaign administration (roles in ``CampaignAccess``: campaigners write, campaigners and compliance read):
/// `POST /v1/campaigns`, `GET /v1/campaigns[?status=active|archived|all]`, `GET /v1/campaigns/{slug}`,
/// `PATCH /v1/campaigns/{slug}` (any subset of fields; the slug is fixed) and
/// `POST /v1/campaigns/{slug}/archive` (frees the join keywords).
///
/// Every change reloads the campaign directory so the inbound path sees it at once.
struct CampaignRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.post("/v1/campaigns") { request, context in
            try await self.create(request, context: context)
        }
        router.get("/v1/campaigns") { request, context in
            _ = try context.require(access: .readCampaigns)
            let statusText = request.uri.queryParameters.get("status") ?? "active"
            let status: CampaignStatus?
            if statusText == "all" {
                status = nil
            } else if let parsed = CampaignStatus(rawValue: statusText) {
                status = parsed
            } else {
                throw APIError.badRequest("status must be active, archived or all")
            }
            let campaigns = try await self.services.store.campaigns(status: status)
            return JSON.object(["campaigns": .array(campaigns.map(Self.json))]).response()
        }
        router.get("/v1/campaigns/:slug") { _, context in
            _ = try context.require(access: .readCampaigns)
            return Self.json(try await self.campaign(context)).response()
        }
        router.patch("/v1/campaigns/:slug") { request, context in
            try await self.update(request, context: context)
        }
        router.post("/v1/campaigns/:slug/archive") { _, context in
            let identity = try context.require(access: .writeCampaigns)
            let slug = try context.parameters.require("slug")
            let archived = try await Self.storeCall {
                try await self.services.store.archiveCampaign(slug: slug, actor: identity.name, now: self.services.clock.now)
            }
            try await self.services.directory.reload(from: self.services.store)
            return Self.json(archived).response()
        }
    }

    func create(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let identity = try context.require(access: .writeCampaigns)
        let draft = try await self.draft(request)
        let campaign = try await Self.validated { try self.validation.validateNew(draft) }
        let created = try await Self.storeCall {
            try await self.services.store.createCampaign(campaign, actor: identity.name, now: self.services.clock.now)
        }
        try await self.services.directory.reload(from: self.services.store)
        return Self.json(created).response(status: .created)
    }

    func update(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let identity = try context.require(access: .writeCampaigns)
        let slug = try context.parameters.require("slug")
        let draft = try await self.draft(request)
        let validation = self.validation
        let updated = try await Self.validated {
            try await Self.storeCall {
                try await self.services.store.updateCampaign(
                    slug: slug, actor: identity.name, detail: "fields: \(draft.fieldNames.joined(separator: ","))",
                    now: self.services.clock.now
                ) { stored in try validation.apply(draft, to: stored) }
            }
        }
        try await self.services.directory.reload(from: self.services.store)
        return Self.json(updated).response()
    }

    /// The checks, with the languages and system keywords of the loaded keyword files.
    var validation: CampaignValidation {
        let keywords = self.services.keywords
        let profile = self.services.config.profile
        let defaultLanguage = keywords.languages.contains(profile.defaultLanguage) ? profile.defaultLanguage : keywords.languages.first
        return CampaignValidation(
            supportedLanguages: keywords.languages, defaultLanguages: defaultLanguage.map { [$0] } ?? [],
            defaultJurisdiction: profile.homeJurisdiction, isReservedKeyword: { keywords.isReserved($0) }
        )
    }

    /// The campaign named by the `slug` path parameter, or 404.
    func campaign(_ context: TocsinRequestContext) async throws -> Campaign {
        let slug = try context.parameters.require("slug")
        guard let campaign = try await self.services.store.campaign(slug: slug) else {
            throw APIError.notFound("no campaign with slug '\(slug)'")
        }
        return campaign
    }

    private func draft(_ request: Request) async throws -> CampaignDraft {
        var request = request
        let buffer = try await request.readBody(limit: self.services.config.maxBodyBytes)
        return try await Self.validated { try CampaignDraft(json: Data(buffer: buffer)) }
    }

    /// Runs `body`, answering a ``CampaignValidationError`` as 400 (unreadable body) or 422.
    static func validated<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CampaignValidationError {
            throw error.kind == .malformed ? APIError.badRequest(error.message) : APIError.invalid(error.message)
        }
    }

    /// Runs `body`, answering a ``StoreError`` with its HTTP status (404, 409, 422, 503).
    static func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw APIError(error)
        }
    }

    static func json(_ campaign: Campaign) -> JSON {
        .object([
            "slug": .string(campaign.slug),
            "program_name": .string(campaign.programName),
            "description": .string(campaign.description),
            "category": .string(campaign.category),
            "purpose": .string(campaign.purpose.rawValue),
            "frequency": .string(campaign.frequency),
            "languages": .array(campaign.languages.map(JSON.string)),
            "jurisdiction": .string(campaign.jurisdiction),
            "action_link": .optional(campaign.actionLink),
            "keywords": .array(campaign.keywords.map(JSON.string)),
            "status": .string(campaign.status.rawValue),
            "call_target_name": .optional(campaign.callTargetName),
            "call_target_number": .optional(campaign.callTargetNumber),
        ])
    }
}

extension TocsinRequestContext {
    /// The caller's token when ``CampaignAccess`` lets its role do `access`.
    ///
    /// - Throws: 401 without a token, 403 with a token of a role that may not.
    func require(access: CampaignAccess) throws -> APITokenInfo {
        guard let identity = self.identity else {
            throw APIError.unauthorized("this endpoint needs `Authorization: Bearer <token>`")
        }
        guard access.allows(identity.role) else {
            throw APIError.forbidden("a token with role \(identity.role.rawValue) may not call this endpoint")
        }
        return identity
    }
}
