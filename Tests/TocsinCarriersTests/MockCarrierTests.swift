import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

struct MockCarrierTests {
    @Test func appendsOneJSONLinePerMessage() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let clock = MockClock()
        let carrier = try MockCarrier(outboxPath: path, clock: clock)
        let first = OutboundSMS(id: 1, to: Fixtures.phone(1), from: "+14155550100", body: "Hi \"there\" / 你好", kind: .help, campaign: nil)
        let second = OutboundSMS(id: 2, to: Fixtures.phone(2), from: "+14155550100", body: "Joined", kind: .joinConfirmation, campaign: "rights")
        let a = try await carrier.send(first)
        let b = try await carrier.send(second)
        #expect(a.carrierMessageID != b.carrierMessageID)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"to\":\"+12122000001\",\"from\":\"+14155550100\",\"body\":\"Hi \\\"there\\\" / 你好\",\"kind\":\"help\",\"campaign\":null,\"created_at\":\"2026-11-21T12:00:00Z\"}"))
        let parsed = try MockOutboxLine.readAll(path: path)
        #expect(parsed.map(\.kind) == ["help", "join_confirmation"])
        #expect(parsed[1].campaign == "rights")
        #expect(parsed[0].createdAt == clock.now)
    }

    @Test func anUnwritableOutboxIsAClearError() {
        #expect(throws: CarrierError.self) {
            try MockCarrier(outboxPath: "/nonexistent-dir/outbox.jsonl", clock: MockClock())
        }
    }
}
