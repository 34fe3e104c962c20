import Hummingbird
import Logging
import TocsinCore

/// Builds the router with every route and middleware.
public func buildRouter(_ services: TocsinServices) -> Router<TocsinRequestContext> {
    let router = Router(context: TocsinRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ErrorJSONMiddleware())
    router.add(middleware: TokenAuthMiddleware(tokens: services.store))
    // The mock carrier's webhook is unauthenticated by design (demos and tests): only with carrier.kind mock.
    if services.config.carrierKind == "mock" { MockWebhookRoutes(services: services).register(on: router) }
    TwilioWebhookRoutes(services: services).register(on: router)
    TwilioVoiceRoutes(services: services).register(on: router)
    TwilioStatusRoutes(services: services).register(on: router)
    TelnyxWebhookRoutes(services: services).register(on: router)
    OptInRoutes(services: services).register(on: router)
    ReviewRoutes(services: services).register(on: router)
    CampaignRoutes(services: services).register(on: router)
    SubscriberRoutes(services: services).register(on: router)
    AlertRoutes(services: services).register(on: router)
    DispatchRoutes(services: services).register(on: router)
    ComplianceRoutes(services: services).register(on: router)
    OptOutRoutes(services: services).register(on: router)
    UnsubscribeRoutes(services: services).register(on: router)
    PublicRoutes(services: services).register(on: router)
    ObservabilityRoutes(services: services).register(on: router)
    OpenAPIRoutes().register(on: router)
    return router
}

/// Builds the HTTP application on the configured host and port.
public func buildApplication(_ services: TocsinServices) -> some ApplicationProtocol {
    Application(
        router: buildRouter(services),
        configuration: .init(address: .hostname(services.config.host, port: services.config.port), serverName: "tocsin"),
        logger: services.logger
    )
}

/// Answers every error as JSON, so clients never get an empty or HTML error body.
struct ErrorJSONMiddleware: RouterMiddleware {
    typealias Context = TocsinRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
            throw APIError(error.status, code, error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw APIError(error.status, "http_\(error.status.code)", error.status.reasonPhrase)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(type(of: error))"])
            throw APIError(.internalServerError, "internal", "internal error; the request was not applied")
        }
    }
}
