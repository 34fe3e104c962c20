import Foundation
import Logging
import ServiceLifecycle
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

struct DispatcherShutdownTests {
    @Test(.timeLimit(.minutes(1)))
    func aGracefulShutdownStopsClaimingAndFinishesTheBatchInFlight() async throws {
        let harness = try await DispatchHarness(subscribers: 30)
        try await harness.broadcast()
        harness.carrier.setDelay(.milliseconds(20))
        harness.carrier.recordStarts()
        let dispatcher = harness.dispatcher { $0.batchSize = 10; $0.concurrency = 2 }
        let group = ServiceGroup(configuration: .init(services: [.init(service: dispatcher)], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        while harness.carrier.starts.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
        await group.triggerGracefulShutdown()
        try await running.value
        let statuses = try await harness.statuses()
        // The first batch was finished and recorded; nothing is left `sending`; the rest waits, unclaimed.
        #expect(statuses["sending"] == nil)
        #expect(statuses["sent", default: 0] >= 10 && statuses["sent", default: 0] < 30)
        #expect(statuses["sent", default: 0] + statuses["queued", default: 0] == 30)
        #expect(harness.carrier.sent.count == statuses["sent", default: 0])
    }
}
