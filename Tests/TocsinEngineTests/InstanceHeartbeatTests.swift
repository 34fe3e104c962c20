import Foundation
import Logging
import MetricsTestKit
import ServiceLifecycle
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

struct InstanceHeartbeatTests {
    let limits = SenderLimits(perSecond: 10, perMinute: 600, perDay: 100_000)

    /// The spacing between sends once `sender`'s burst is used, at `at` seconds of the pacer's time.
    func spacing(_ pacer: Pacer, _ sender: String, at: Double) -> Double {
        let waits = (0..<30).map { _ in pacer.reserve(sender, at: at) }
        return waits[29] - waits[28]
    }

    func instance(_ id: String, _ clock: MockClock) -> InstanceInfo {
        InstanceInfo(id: id, host: "test", pid: 1, startedAt: clock.now)
    }

    @Test func twoInstancesOnOneStoreShareUntilOneStopsBeatingForThreeIntervals() async throws {
        let store = try SQLiteStore.inMemory()
        let clock = MockClock()
        let pacerA = Pacer(defaults: self.limits)
        let callsA = CallPacer(perSecond: 4)
        let capture = LogCapture()
        let metrics = TestMetrics()
        let a = InstanceHeartbeat(
            registry: store, pacers: [pacerA, callsA], clock: clock, interval: .seconds(2), instance: self.instance("a", clock),
            metrics: EngineMetrics(factory: metrics), logger: capture.logger
        )
        let b = InstanceHeartbeat(
            registry: store, pacers: [Pacer(defaults: self.limits)], clock: clock, interval: .seconds(2), instance: self.instance("b", clock),
            logger: Logger(label: "test")
        )
        #expect(a.staleAfter == 6)
        #expect(await a.beat() == 1)
        #expect(abs(self.spacing(pacerA, "+1", at: 0) - 0.1) < 1e-9)
        #expect(await b.beat() == 2)
        #expect(await a.beat() == 2)
        #expect(pacerA.share == 2 && pacerA.limits(for: "+1") == SenderLimits(perSecond: 5, perMinute: 300, perDay: 50_000))
        #expect(await callsA.share == 2)
        #expect(try metrics.expectGauge(EngineMetrics.Name.instances).lastValue == 2)
        // The pacer's rate halves: one send every 0.2 s instead of 0.1 s (the reservations' waits).
        #expect(abs(self.spacing(pacerA, "+1", at: 100) - 0.2) < 1e-9)
        #expect(abs(self.spacing(pacerA, "+2", at: 100) - 0.2) < 1e-9)

        // b stops beating. Two intervals later it still counts; three intervals after its last beat it is dead.
        for _ in 0..<2 {
            clock.advance(by: 2)
            #expect(await a.beat() == 2)
        }
        clock.advance(by: 2)
        #expect(await a.beat() == 1)
        #expect(pacerA.share == 1 && a.instances == 1)
        #expect(await callsA.share == 1)
        #expect(try metrics.expectGauge(EngineMetrics.Name.instances).lastValue == 1)
        #expect(abs(self.spacing(pacerA, "+1", at: 1000) - 0.1) < 1e-9)
        // Its row was deleted: b beating again is a new arrival, counted with a.
        #expect(await b.beat() == 2)
        // Each change of the count was logged once, at info.
        let infos = capture.logged.filter { $0.level == .info }.map(\.message)
        #expect(infos == [
            "1 instance: this one uses the whole sender limits", "2 instances share the sender limits",
            "1 instance: this one uses the whole sender limits",
        ])
    }

    @Test func aFailedHeartbeatKeepsTheLastShareAndIsLogged() async throws {
        let registry = ScriptedInstanceRegistry([nil, 3, nil, 0, 2])
        let clock = MockClock()
        let pacer = Pacer(defaults: self.limits)
        let capture = LogCapture()
        let heartbeat = InstanceHeartbeat(registry: registry, pacers: [pacer], clock: clock, logger: capture.logger)
        // An error before any count: the pacer keeps the whole limits it started with.
        #expect(await heartbeat.beat() == 1)
        #expect(pacer.share == 1 && heartbeat.instances == nil)
        #expect(await heartbeat.beat() == 3)
        #expect(pacer.share == 3)
        // An error never raises the rate: the share stays 3.
        #expect(await heartbeat.beat() == 3)
        #expect(pacer.share == 3 && heartbeat.instances == 3)
        // A registry answering 0 counts as this instance alone (never a division by zero).
        #expect(await heartbeat.beat() == 1)
        #expect(pacer.share == 1)
        #expect(await heartbeat.beat() == 2)
        let errors = capture.logged.filter { $0.level == .error }.map(\.message)
        #expect(errors == Array(repeating: "instance heartbeat failed: keeping the last share of the sender limits", count: 2))
    }

    @Test(.timeLimit(.minutes(1)))
    func aGracefulShutdownRemovesTheInstanceRow() async throws {
        let store = try SQLiteStore.inMemory()
        let clock = MockClock()
        let pacer = Pacer(defaults: self.limits)
        let heartbeat = InstanceHeartbeat(
            registry: store, pacers: [pacer], clock: clock, interval: .milliseconds(10), instance: self.instance("a", clock),
            logger: Logger(label: "test")
        )
        let other = self.instance("b", clock)
        let group = ServiceGroup(configuration: .init(services: [.init(service: heartbeat)], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        while try await store.heartbeat(other, now: clock.now, staleAfter: 60) < 2 { try await Task.sleep(for: .milliseconds(5)) }
        while pacer.share < 2 { try await Task.sleep(for: .milliseconds(5)) }
        await group.triggerGracefulShutdown()
        try await running.value
        // Gone at once, not after three missed heartbeats (the clock has not moved).
        #expect(try await store.heartbeat(other, now: clock.now, staleAfter: 60) == 1)
    }

    @Test func aGracefulStopLeavesWithItsOwnID() async {
        let registry = ScriptedInstanceRegistry([2])
        let heartbeat = InstanceHeartbeat(registry: registry, pacers: [], clock: MockClock(), logger: Logger(label: "test"))
        await heartbeat.beat()
        await heartbeat.leave()
        #expect(registry.leftIDs == [heartbeat.instance.id])
        #expect(heartbeat.instance.pid == Int(ProcessInfo.processInfo.processIdentifier) && !heartbeat.instance.host.isEmpty)
    }
}
