import Foundation
import Hummingbird
import TocsinCore
import TocsinStore

/// The public unsubscribe link of alert messages (`{unsubscribe_url}`): `GET /u/{token}` shows a page with
/// one button (a GET never changes anything, so link scanners cannot unsubscribe anyone), and
/// `POST /u/{token}` records the opt-out (source `web_link`) through the same suppression path as STOP.
/// An expired link gets 410, a tampered or unknown one 404, as a page for browsers and as JSON otherwise.
struct UnsubscribeRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.get("/u/:token") { request, context in
            do { _ = try await self.subscriber(request, context) } catch let error as HTMLError { return error.page }
            let brand = Self.escape(self.services.config.profile.brand)
            return Self.page(
                .ok, title: "Unsubscribe from \(brand)",
                body: """
                    <p>Press the button to stop all text messages and calls from \(brand). You will get nothing more from us.</p>
                    <form method="post"><button type="submit">Unsubscribe</button></form>
                    """
            )
        }
        router.post("/u/:token") { request, context in
            let phone: PhoneNumber?
            do { phone = try await self.subscriber(request, context) } catch let error as HTMLError { return error.page }
            if let phone {
                self.services.suppressionGuard.insert(phone.e164)
                _ = try await self.services.store.recordOptOut(
                    OptOutRequest(phone: phone, channel: "web", reason: nil, staff: nil, source: .webLink), now: self.services.clock.now
                )
            }
            let brand = Self.escape(self.services.config.profile.brand)
            return Self.page(.ok, title: "You are unsubscribed", body: "<p>\(brand) will not text or call you again.</p>")
        }
    }

    /// The number the token's subscriber has (nil when it was erased: it is suppressed already).
    func subscriber(_ request: Request, _ context: TocsinRequestContext) async throws -> PhoneNumber? {
        let token = try context.parameters.require("token")
        let wantsHTML = request.headers[.accept]?.contains("text/html") ?? false
        guard let links = self.services.store.links else {
            throw Self.failure(.notFound, "not_found", "unsubscribe links are not configured on this server", html: wantsHTML)
        }
        switch links.check(token, now: self.services.clock.now) {
        case .valid(let id):
            return try await self.services.store.subscriberPhone(id: id)
        case .expired:
            throw Self.failure(
                .gone, "expired", "this unsubscribe link has expired; reply STOP to any of our texts to stop them", html: wantsHTML
            )
        case .invalid:
            throw Self.failure(
                .notFound, "not_found", "this unsubscribe link is not valid (it may be cut short); reply STOP to any of our texts to stop them",
                html: wantsHTML
            )
        }
    }

    /// An error as a page for browsers, as the usual JSON error otherwise.
    static func failure(_ status: HTTPResponse.Status, _ code: String, _ message: String, html: Bool) -> any Error {
        guard html else { return APIError(status, code, message) }
        return HTMLError(response: Self.page(status, title: "This link does not work", body: "<p>\(Self.escape(message)).</p>"))
    }

    static func page(_ status: HTTPResponse.Status, title: String, body: String) -> Response {
        let html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title></head>
            <body><h1>\(title)</h1>
            \(body)
            </body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// A ready HTML error page, which the unsubscribe routes answer instead of the JSON error.
struct HTMLError: Error, HTTPResponseError {
    let page: Response
    init(response: Response) { self.page = response }
    var status: HTTPResponse.Status { self.page.status }
    func response(from request: Request, context: some RequestContext) throws -> Response { self.page }
}
