/// The OpenAPI 3.1 document of the whole HTTP API, served at `GET /openapi.yaml`.
///
/// This is a copy of `openapi.yaml` at the repository root, embedded so the server never reads the
/// repository at run time. Edit both together: `OpenAPITests` fails when they differ by one byte. The
/// text is split into parts of under 400 lines at path boundaries; ``text`` joins them with newlines.
public enum OpenAPIDocument {
    /// The whole document, byte for byte the content of `openapi.yaml`.
    public static let text = [part1, part2, part3, part4, part5, part6, part7].joined(separator: "\n") + "\n"
}
