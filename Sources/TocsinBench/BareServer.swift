import Hummingbird

/// The baseline for the webhook benchmark: Hummingbird answering a POST after reading its body, with no
/// parsing, verification, classification or storage.
enum BareServer {
    static func run(port: Int) async throws {
        let router = Router()
        router.post("/bare") { request, _ -> String in
            var request = request
            _ = try await request.collectBody(upTo: 64 * 1024)
            return "<Response/>"
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
