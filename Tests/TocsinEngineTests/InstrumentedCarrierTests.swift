import Foundation
import MetricsTestKit
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinEngine

struct InstrumentedCarrierTests {
    let sms = OutboundSMS(
        id: 7, to: PhoneNumber(e164: "+14155550101")!, from: "+14155550100", body: "Act now", kind: .alert, campaign: "rights"
    )

    @Test func aSuccessfulSendPassesTheReceiptThroughAndIsTimed() async throws {
        let test = TestMetrics()
        let scripted = ScriptedCarrier(id: "mock")
        let carrier = InstrumentedCarrier(scripted, metrics: EngineMetrics(factory: test))
        let receipt = try await carrier.send(self.sms)
        #expect(!receipt.carrierMessageID.isEmpty)
        #expect(carrier.id == "mock")
        #expect(scripted.sent.count == 1)
        #expect(try test.expectTimer(EngineMetrics.Name.carrierDuration, [("carrier", "mock")]).values.count == 1)
        #expect(test.counters.isEmpty)
    }

    @Test func aFailureIsRethrownUnchangedAndCountedByCode() async throws {
        let test = TestMetrics()
        let scripted = ScriptedCarrier(id: "mock")
        let refused = CarrierError(.rejected, code: "21211", message: "invalid To")
        scripted.failNext(refused)
        let carrier = InstrumentedCarrier(scripted, metrics: EngineMetrics(factory: test))
        await #expect(throws: refused) { try await carrier.send(self.sms) }
        #expect(try test.expectCounter(EngineMetrics.Name.carrierErrors, [("carrier", "mock"), ("code", "21211")]).totalValue == 1)
    }
}
