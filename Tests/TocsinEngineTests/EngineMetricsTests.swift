import Foundation
import MetricsTestKit
import Testing
import TocsinCore
@testable import TocsinEngine

struct EngineMetricsTests {
    @Test func inboundTextsCountByIntentAndTierAndOptOutsAlsoCountAsOptOuts() throws {
        let test = TestMetrics()
        let metrics = EngineMetrics(factory: test)
        metrics.inbound(Classification(intent: .optOut, tier: .exact), duplicate: false)
        metrics.inbound(Classification(intent: .optOut, tier: .exact), duplicate: false)
        metrics.inbound(Classification(intent: .help, tier: .exact), duplicate: false)
        metrics.inbound(Classification(intent: .optOut, tier: .exact), duplicate: true)
        let stops = try test.expectCounter(EngineMetrics.Name.inbound, [("intent", "opt_out"), ("tier", "exact")])
        #expect(stops.totalValue == 2)
        #expect(try test.expectCounter(EngineMetrics.Name.inbound, [("intent", "help"), ("tier", "exact")]).totalValue == 1)
        #expect(try test.expectCounter(EngineMetrics.Name.optOuts, [("source", "sms")]).totalValue == 2)
    }

    @Test func dispatchOutcomesCountByStateAndCarrier() throws {
        let test = TestMetrics()
        let metrics = EngineMetrics(factory: test)
        let optedOut = CarrierError(.recipientOptedOut, code: "21610", message: "unsubscribed")
        metrics.outcomes([
            DispatchOutcome(id: 1, result: .sent(carrier: "twilio", carrierMessageID: "SM1")),
            DispatchOutcome(id: 2, result: .sent(carrier: "twilio", carrierMessageID: "SM2")),
            DispatchOutcome(id: 3, result: .failed(carrier: "twilio", error: optedOut)),
            DispatchOutcome(id: 4, result: .retry(at: Date(), carrier: "telnyx", error: CarrierError(.unavailable, message: "503"))),
            DispatchOutcome(id: 5, result: .closed(.expired, reason: "expired")),
        ])
        #expect(try test.expectCounter(EngineMetrics.Name.outbound, [("channel", "sms"), ("state", "sent"), ("carrier", "twilio")]).totalValue == 2)
        #expect(try test.expectCounter(EngineMetrics.Name.outbound, [("channel", "sms"), ("state", "failed"), ("carrier", "twilio")]).totalValue == 1)
        #expect(try test.expectCounter(EngineMetrics.Name.outbound, [("channel", "sms"), ("state", "retry"), ("carrier", "telnyx")]).totalValue == 1)
        #expect(try test.expectCounter(EngineMetrics.Name.outbound, [("channel", "sms"), ("state", "expired"), ("carrier", "none")]).totalValue == 1)
        #expect(try test.expectCounter(EngineMetrics.Name.optOuts, [("source", "carrier")]).totalValue == 1)
        metrics.outcomes([DispatchOutcome(id: 6, result: .sent(carrier: "twilio", carrierMessageID: "CA1"))], channel: "voice")
        #expect(try test.expectCounter(EngineMetrics.Name.outbound, [("channel", "voice"), ("state", "sent"), ("carrier", "twilio")]).totalValue == 1)
    }

    @Test func carrierCallsRecordTheirDurationAndErrorsByCode() throws {
        let test = TestMetrics()
        let metrics = EngineMetrics(factory: test)
        metrics.carrierCall(carrier: "twilio", duration: .milliseconds(120), error: nil)
        metrics.carrierCall(carrier: "twilio", duration: .milliseconds(30), error: CarrierError(.rateLimited, code: "20429", message: "slow down"))
        metrics.carrierCall(carrier: "twilio", duration: .milliseconds(30), error: CarrierError(.unavailable, message: "timeout"))
        let timer = try test.expectTimer(EngineMetrics.Name.carrierDuration, [("carrier", "twilio")])
        #expect(timer.values == [120_000_000, 30_000_000, 30_000_000])
        #expect(try test.expectCounter(EngineMetrics.Name.carrierErrors, [("carrier", "twilio"), ("code", "20429")]).totalValue == 1)
        #expect(try test.expectCounter(EngineMetrics.Name.carrierErrors, [("carrier", "twilio"), ("code", "unavailable")]).totalValue == 1)
    }

    @Test func disabledMetricsEmitNothingAndDoNotCrash() {
        EngineMetrics.disabled.inbound(Classification(intent: .optOut, tier: .exact), duplicate: false)
        EngineMetrics.disabled.outcomes([DispatchOutcome(id: 1, result: .closed(.expired, reason: "x"))])
        EngineMetrics.disabled.carrierCall(carrier: "mock", duration: .zero, error: nil)
        #expect(EngineMetrics.disabled.factory == nil)
    }
}
