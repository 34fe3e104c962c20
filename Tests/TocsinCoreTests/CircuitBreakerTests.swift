import Foundation
import Testing
import TocsinCore

struct CircuitBreakerTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func opensAfterTheThresholdOfConsecutiveFailures() {
        var breaker = CircuitBreaker(failureThreshold: 3, cooldown: 30)
        for _ in 0..<2 {
            let permitted1 = breaker.permit(now: self.start)
            #expect(permitted1)
            breaker.recordFailure(now: self.start)
        }
        #expect(breaker.state == .closed(failures: 2))
        breaker.recordFailure(now: self.start)
        #expect(breaker.state == .open(until: self.start.addingTimeInterval(30)))
        let permitted2 = breaker.permit(now: self.start.addingTimeInterval(29))
        #expect(!permitted2)
        #expect(breaker.isOpen(now: self.start.addingTimeInterval(29)))
    }

    @Test func aSuccessResetsTheCount() {
        var breaker = CircuitBreaker(failureThreshold: 2, cooldown: 30)
        breaker.recordFailure(now: self.start)
        breaker.recordSuccess()
        breaker.recordFailure(now: self.start)
        #expect(breaker.state == .closed(failures: 1))
    }

    @Test func afterTheCooldownOneProbeGoesAndDecides() {
        var breaker = CircuitBreaker(failureThreshold: 1, cooldown: 10)
        breaker.recordFailure(now: self.start)
        let later = self.start.addingTimeInterval(10)
        let permitted3 = breaker.permit(now: later)
        #expect(permitted3)
        let permitted4 = breaker.permit(now: later)
        #expect(!permitted4, "only one probe at a time")
        breaker.recordFailure(now: later)
        #expect(breaker.state == .open(until: later.addingTimeInterval(10)))
        let again = later.addingTimeInterval(10)
        let permitted5 = breaker.permit(now: again)
        #expect(permitted5)
        breaker.recordSuccess()
        #expect(breaker.state == .closed(failures: 0))
        let permitted6 = breaker.permit(now: again)
        #expect(permitted6)
    }
}
