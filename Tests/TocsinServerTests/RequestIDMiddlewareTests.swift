import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TocsinServer

struct RequestIDMiddlewareTests {
    static let header = HTTPField.Name("X-Request-Id")!

    @Test func everyResponseCarriesAnIdAndAGoodCallerIdIsKept() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            let own = try await client.execute(uri: "/healthz", method: .get) { $0.headers[Self.header] }
            #expect(own?.isEmpty == false)
            let kept = try await client.execute(uri: "/healthz", method: .get, headers: [Self.header: "lb-42.a_b"]) { $0.headers[Self.header] }
            #expect(kept == "lb-42.a_b")
            let replaced = try await client.execute(uri: "/healthz", method: .get, headers: [Self.header: "bad id with spaces"]) {
                $0.headers[Self.header]
            }
            #expect(replaced != nil && replaced != "bad id with spaces")
            // Errors carry it too.
            let (status, onError) = try await client.execute(uri: "/v1/dispatch", method: .get, headers: [Self.header: "err-1"]) {
                ($0.status, $0.headers[Self.header])
            }
            #expect(status == .unauthorized)
            #expect(onError == "err-1")
        }
    }

    @Test(arguments: [("abc-123", true), ("", false), (String(repeating: "a", count: 65), false), ("a/b", false)])
    func callerIdsAreAcceptedOnlyWhenShortAndPlain(value: String, accepted: Bool) {
        #expect((RequestIDMiddleware.accepted(value) != nil) == accepted)
    }
}
