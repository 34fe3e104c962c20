import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres

/// 400 STOPs arrive (the single-process race test's 1,000 scaled down to a few seconds) through the inbound paths of two instances (alternately) while both dispatch one
/// broadcast from a shared PostgreSQL database: no alert send to any of those numbers starts after its STOP
/// was committed, whichever instance took the STOP and whichever sends. Across instances a send starts when
/// its fence read begins (that read sees every opt-out committed before it); see the README.
struct PostgresStopRaceTests {
    @Test(.timeLimit(.minutes(6)))
    func noSendOnEitherInstanceStartsAfterAStopCommittedOnEither() async throws {
        try await TestPostgres.withStores(2) { stores in
            let count = 6000
            let stops = 400
            try await PostgresSendFenceTests().broadcast(stores[0], count: count)
            let instances = [StopFenceInstance(stores[0], name: "a", batchSize: 200), StopFenceInstance(stores[1], name: "b", batchSize: 200)]
            // Slow enough that the broadcast outlasts the STOPs on a loaded machine.
            for instance in instances { instance.carrier.setDelay(.milliseconds(2)) }
            let sending = Task {
                await withTaskGroup(of: Void.self) { group in
                    for instance in instances { group.addTask { while await instance.dispatcher.runOnce() > 0 {} } }
                }
            }
            // On any failure (or the time limit) the dispatch loops finish before the stores stop: a pool shut down
            // under a task still using it would never let this test end.
            do {
                try await self.race(instances, count: count, stops: stops)
            } catch {
                await sending.value
                throw error
            }
            await sending.value
            try await self.check(instances, stores: stores, count: count, stops: stops)
        }
    }

    func race(_ instances: [StopFenceInstance], count: Int, stops: Int) async throws {
            while instances.map(\.carrier.starts.count).reduce(0, +) < 600 { try await Task.sleep(for: .milliseconds(5)) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<8 {
                    group.addTask {
                        for index in stride(from: worker, to: stops, by: 8) {
                            try await instances[index % 2].stop("+1212\(2_000_000 + index * (count / stops) + count / stops / 2)")
                            try await Task.sleep(for: .milliseconds(2))
                        }
                    }
                }
                try await group.waitForAll()
            }
    }

    func check(_ instances: [StopFenceInstance], stores: [PostgresStore], count: Int, stops: Int) async throws {
            for instance in instances { while await instance.dispatcher.runOnce() > 0 {} }

            var committed: [String: ContinuousClock.Instant] = [:]
            for instance in instances { committed.merge(instance.committed.withLock { $0 }) { first, _ in first } }
            #expect(committed.count == stops)
            // A send to a stopped number is late when its fence read began after the STOP was committed.
            var late = 0, sentToStopped = 0
            for instance in instances {
                let reads = instance.fence.readStarts
                for start in instance.alertStarts {
                    guard let stop = committed[start.to] else { continue }
                    sentToStopped += 1
                    if (reads[start.to] ?? start.at) > stop { late += 1 }
                }
            }
            #expect(late == 0, "\(late) alert sends started after their STOP was committed")
            let alertStarts = instances.flatMap(\.alertStarts)
            let sentTo = Set(alertStarts.map(\.to))
            #expect(alertStarts.count == sentTo.count, "nothing sent twice")
            #expect(instances.allSatisfy { !$0.alertStarts.isEmpty }, "both instances sent")
            // The STOPs really raced the broadcast: some came before their number's turn, some after.
            let stoppedBeforeTheirTurn = stops - sentToStopped
            #expect(stoppedBeforeTheirTurn > 0 && stoppedBeforeTheirTurn < stops, "\(stoppedBeforeTheirTurn) of \(stops) STOPs came before their number's turn")
            let statuses = try await stores[1].outboundStatusCounts(lane: "bulk")
            #expect(statuses["sent", default: 0] + statuses["suppressed", default: 0] == count)
            #expect(statuses["suppressed", default: 0] == stoppedBeforeTheirTurn)
    }
}
