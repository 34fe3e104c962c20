import Hummingbird

/// `GET /openapi.yaml`: the OpenAPI 3.1 document of the whole HTTP API (public, no token needed).
///
/// The document is embedded in the binary (``OpenAPIDocument``), so the answer does not depend on the
/// working directory the server was started from.
struct OpenAPIRoutes {
    /// The media type of the answer.
    static let contentType = "application/yaml"
    /// The document's bytes, made once.
    static let body = ByteBuffer(string: OpenAPIDocument.text)

    func register(on router: Router<TocsinRequestContext>) {
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: Self.contentType],
                body: .init(byteBuffer: Self.body)
            )
        }
    }
}
