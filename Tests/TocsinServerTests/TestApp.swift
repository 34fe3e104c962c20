import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TocsinCarriers
import TocsinCore
import TocsinServer
import TocsinStore
import TocsinTesting

/// A Tocsin wired for route tests: in-memory store, scripted carrier, mock clock, the real keyword files.
struct TestApp {
    static let twilioToken = "12345678901234567890123456789012"
    static let publicURL = "https://tocsin.example.org"
    /// A fixed erasure key, so tests can make unsubscribe links for the app's store.
    static let erasureKey = try! ErasureKey(text: String(repeating: "5a", count: 32))
    let services: TocsinServices
    let carrier: ScriptedCarrier
    let clock: MockClock
    let calls: ScriptedVoiceCarrier

    /// - Parameter store: the store to build on (default: a fresh in-memory SQLite one); a PostgreSQL one must be
    ///   running and migrated (``ServerPostgres/withApp(values:_:)``).
    init(
        carrierAnswersStop: Bool = false, values extra: [String: String] = [:], voiceCarrier: (any VoiceCarrier)? = nil,
        store: (any ServerStore)? = nil
    ) async throws {
        var values = ConfigValues()
        values.set("organisation.brand", "RightsAlert")
        values.set("organisation.support_contact", "help@rights.example.org")
        values.set("organisation.senders", "+14155550100")
        values.set("organisation.carrier_answers_stop", carrierAnswersStop ? "true" : "false")
        values.set("paths.keywords", Fixtures.keywordsDirectory)
        values.set("paths.compliance", Fixtures.complianceDirectory)
        values.set("server.public_url", Self.publicURL)
        values.set("twilio.auth_token", Self.twilioToken)
        for (key, value) in extra { values.set(key, value) }
        var config = try TocsinConfig(values)
        config.campaigns = [Fixtures.rights, Fixtures.freeHK]
        self.carrier = ScriptedCarrier()
        self.clock = MockClock()
        self.calls = ScriptedVoiceCarrier()
        self.services = try await TocsinServices.make(
            config: config, clock: self.clock, store: try store ?? SQLiteStore.inMemory(erasureKey: Self.erasureKey), carrier: self.carrier,
            voiceCarrier: voiceCarrier ?? self.calls, logger: Logger(label: "test")
        )
    }

    var application: some ApplicationProtocol { Application(router: buildRouter(self.services)) }

    /// Creates a token of `role` and returns the secret.
    func token(_ role: Role, name: String = "test") async throws -> String {
        let token = APIToken.generate()
        _ = try await self.services.store.createToken(name: name, role: role, tokenHash: APIToken.hash(token), now: self.clock.now)
        return token
    }

    /// The JSON body of the mock inbound webhook.
    static func mockSMS(from: String, body: String, id: String, to: String = "+14155550100") -> ByteBuffer {
        let object = ["from": from, "to": to, "body": body, "id": id]
        return ByteBuffer(data: try! JSONSerialization.data(withJSONObject: object))
    }

    /// The bodies the carrier sent to `phone`, in order.
    func sentBodies(to phone: String) -> [String] {
        self.carrier.sent.filter { $0.to.e164 == phone }.map(\.body)
    }

    func sentKinds(to phone: String) -> [MessageKind] {
        self.carrier.sent.filter { $0.to.e164 == phone }.map(\.kind)
    }
}

extension TestClientProtocol {
    /// Posts a mock SMS and returns the response status.
    @discardableResult
    func text(_ from: String, _ body: String, id: String) async throws -> HTTPResponse.Status {
        try await self.execute(
            uri: "/webhooks/mock/sms", method: .post, headers: [.contentType: "application/json"],
            body: TestApp.mockSMS(from: from, body: body, id: id)
        ) { $0.status }
    }
}
