import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

struct CarrierRouterTests {
    let sms = OutboundSMS(id: 1, to: PhoneNumber(e164: "+12125550401")!, from: "+14155550100", body: "hi", kind: .alert, campaign: nil)

    func router(threshold: Int = 2, senderRoutes: [String: [String]] = [:]) throws -> (CarrierRouter, ScriptedCarrier, ScriptedCarrier, MockClock) {
        let first = ScriptedCarrier(id: "twilio")
        let second = ScriptedCarrier(id: "telnyx")
        let clock = MockClock()
        let router = try CarrierRouter(
            carriers: [first, second], route: ["twilio", "telnyx"], senderRoutes: senderRoutes, failureThreshold: threshold,
            cooldown: 60, clock: clock
        )
        return (router, first, second, clock)
    }

    @Test func theFirstCarrierSendsAndIsRecorded() async throws {
        let (router, first, second, _) = try self.router()
        let receipt = try await router.send(self.sms)
        #expect(receipt.carrier == "twilio")
        #expect(first.sent.count == 1 && second.sent.isEmpty)
    }

    @Test(arguments: [CarrierError.Kind.unavailable, .rateLimited])
    func aRetryableFailureFailsOver(_ kind: CarrierError.Kind) async throws {
        let (router, first, second, _) = try self.router()
        first.failNext(CarrierError(kind, message: "down"))
        let receipt = try await router.send(self.sms)
        #expect(receipt.carrier == "telnyx")
        #expect(first.sent.isEmpty && second.sent.count == 1)
    }

    @Test(arguments: [CarrierError.Kind.rejected, .recipientOptedOut, .misconfigured])
    func aTerminalErrorStopsAndNamesTheCarrier(_ kind: CarrierError.Kind) async throws {
        let (router, first, second, _) = try self.router()
        first.failNext(CarrierError(kind, code: "21610", message: "no"))
        do throws(CarrierError) {
            _ = try await router.send(self.sms)
            Issue.record("sent")
        } catch {
            #expect(error.kind == kind)
            #expect(error.carrier == "twilio")
        }
        #expect(second.sent.isEmpty)
    }

    @Test func anOpenCircuitSkipsTheCarrierUntilTheProbe() async throws {
        let (router, first, second, clock) = try self.router(threshold: 2)
        first.failAll(CarrierError(.unavailable, message: "outage"))
        _ = try await router.send(self.sms)
        _ = try await router.send(self.sms)
        #expect(router.breakerStates["twilio"] == .open(until: clock.now.addingTimeInterval(60)))
        first.failAll(nil)
        _ = try await router.send(self.sms)
        #expect(first.sent.isEmpty, "open: not even tried")
        #expect(second.sent.count == 3)
        clock.advance(by: 60)
        let probe = try await router.send(self.sms)
        #expect(probe.carrier == "twilio")
        #expect(router.breakerStates["twilio"] == .closed(failures: 0))
    }

    @Test func whenEveryCarrierIsDownTheErrorIsRetryable() async throws {
        let (router, first, second, _) = try self.router(threshold: 1)
        first.failAll(CarrierError(.unavailable, message: "a"))
        second.failAll(CarrierError(.unavailable, message: "b"))
        for _ in 0..<2 {
            do throws(CarrierError) {
                _ = try await router.send(self.sms)
                Issue.record("sent")
            } catch {
                #expect(error.isRetryable)
            }
        }
        #expect(router.breakerStates.values.allSatisfy { if case .open = $0 { true } else { false } })
    }

    @Test func aSenderRouteOverridesTheDefault() async throws {
        let (router, first, second, _) = try self.router(senderRoutes: ["+14155550100": ["telnyx", "twilio"]])
        let receipt = try await router.send(self.sms)
        #expect(receipt.carrier == "telnyx")
        #expect(first.sent.isEmpty && second.sent.count == 1)
        #expect(router.route(for: "+14155550999") == ["twilio", "telnyx"])
    }

    @Test func aRouteNamingAnUnknownCarrierIsRefused() {
        #expect(throws: CarrierError.self) {
            _ = try CarrierRouter(carriers: [ScriptedCarrier(id: "twilio")], route: ["twilio", "vonage"], clock: MockClock())
        }
    }
}
