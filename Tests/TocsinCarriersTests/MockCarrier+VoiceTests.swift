import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

struct MockCarrierVoiceTests {
    @Test func writesACallLine() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = MockClock()
        let carrier = try MockCarrier(outboxPath: path, clock: clock)
        let call = OutboundCall(
            messageID: 7, to: Fixtures.phone(1), from: "+14155550100", language: "en", script: "Ana faces execution.",
            organisationName: "RightsAlert", callbackNumber: "+14155550199", campaign: "rights"
        )
        let sms = OutboundSMS(id: 8, to: Fixtures.phone(2), from: "+14155550100", body: "Hi", kind: .help, campaign: nil)
        let receipt = try await carrier.placeCall(call)
        let text = try await carrier.send(sms)
        #expect(receipt.carrierMessageID != text.carrierMessageID)
        let lines = try MockOutboxLine.readAll(path: path)
        #expect(lines.map(\.kind) == ["call", "help"])
        #expect(lines[0].to == Fixtures.phone(1).e164)
        #expect(lines[0].body == "Ana faces execution.")
        #expect(lines[0].campaign == "rights")
        #expect(lines[0].createdAt == clock.now)
    }
}
