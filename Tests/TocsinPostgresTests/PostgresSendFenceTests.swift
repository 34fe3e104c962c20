import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinPostgres

/// PostgresStore as a ``SendFence``: what its one read says, and two instances on one database.
struct PostgresSendFenceTests {
    let noon = Scenario.noon

    @Test func itReadsTheSuppressionListsInClearAndByTheErasureHash() async throws {
        try await TestPostgres.withStores(1) { stores in
            let store = stores[0]
            try await store.executeForTests([
                "INSERT INTO suppression (phone, source, created_at) VALUES ('+12122000001', 'keyword', 0)",
                "INSERT INTO voice_suppression (phone, source, created_at) VALUES ('+12122000002', 'voice_keypress', 0)",
                "INSERT INTO voice_suppression (phone, source, created_at) VALUES ('+12122000001', 'voice_keypress', 0)",
            ])
            _ = try await store.erase(PhoneNumber(e164: "+12122000003")!, actor: "t", reason: nil, now: self.noon)
            let table: [(String, TocsinCore.Channel, SendFenceVerdict)] = [
                ("+12122000000", .sms, .clear), ("+12122000000", .voice, .clear),
                ("+12122000001", .sms, .optedOut), ("+12122000001", .voice, .optedOut),
                // Press 9 stops calls only.
                ("+12122000002", .sms, .clear), ("+12122000002", .voice, .noMoreCalls),
                // Erased: only the keyed hash is left.
                ("+12122000003", .sms, .optedOut), ("+12122000003", .voice, .optedOut),
            ]
            for (phone, channel, expected) in table {
                let verdict = try await store.verdict(to: phone, channel: channel)
                #expect(verdict == expected, "\(phone) \(channel)")
                #expect(try await store.mayStillSend(to: phone, channel: channel) == (expected == .clear))
            }
            let clear = try await store.read { session in
                try await session.value("SELECT COUNT(*) FROM suppression WHERE phone = '+12122000003'", as: Int.self)
            }
            #expect(clear == 0)
        }
    }

    /// Instance B has claimed the whole broadcast and its first sends are with the carrier when STOPs for
    /// numbers further down its batch are committed through instance A. Without the fence B sends to them all.
    @Test(arguments: [true, false])
    func aStopCommittedOnOneInstanceStopsAnothersClaimedBatch(fenced: Bool) async throws {
        try await TestPostgres.withStores(2) { stores in
            let count = 4000
            try await self.broadcast(stores[0], count: count)
            let a = StopFenceInstance(stores[0], name: "a", fenced: fenced)
            let b = StopFenceInstance(stores[1], name: "b", fenced: fenced, batchSize: count)
            b.carrier.close()
            let sending = Task { await b.dispatcher.runOnce() }
            // On any failure the held sends are let go and B's pass ends before the stores stop (a pool shut down
            // under a task still using it would never let this test end).
            do {
                try await self.stopWhileHeld(a: a, b: b, stores: stores, count: count, sending: sending, fenced: fenced)
            } catch {
                b.carrier.open()
                _ = await sending.value
                throw error
            }
        }
    }

    func stopWhileHeld(
        a: StopFenceInstance, b: StopFenceInstance, stores: [PostgresStore], count: Int, sending: Task<Int, Never>, fenced: Bool
    ) async throws {
            while b.carrier.starts.count < 16 { try await Task.sleep(for: .milliseconds(2)) }
            #expect(try await stores[0].outboundStatusCounts(lane: "bulk") == ["sending": count])
            let started = Set(b.carrier.starts.map(\.to))
            let stopped = (0..<200).map { "+1212\(2_000_000 + 100 + $0 * 19)" }.filter { !started.contains($0) }
            #expect(stopped.count > 180)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask { for phone in stopped[worker...].striding(by: 4) { try await a.stop(phone) } }
                }
                try await group.waitForAll()
            }
            b.carrier.open()
            #expect(await sending.value == count)
            let committed = a.committed.withLock { $0 }
            #expect(committed.count == stopped.count)
            let late = b.alertStarts.filter { start in committed[start.to].map { start.at > $0 } ?? false }
            #expect(b.suppressionGuard.count == 0, "B's own guard never saw A's STOPs")
            let records = Dictionary(uniqueKeysWithValues: try await stores[1].bulkRecords().map { ($0.phone, $0) })
            if fenced {
                #expect(late.isEmpty, "\(late.count) sends started after their STOP was committed on the other instance")
                #expect(stopped.allSatisfy {
                    records[$0]?.status == "suppressed" && records[$0]?.reason?.contains("committed by another instance") == true
                })
                #expect(try await stores[1].outboundStatusCounts(lane: "bulk") == ["sent": count - stopped.count, "suppressed": stopped.count])
            } else {
                // The gap the fence closes: every one of them is sent after its STOP was acknowledged.
                #expect(late.count == stopped.count)
            }
    }

    /// A read has run its statement (before the opt-out) and is still running when instance A commits a STOP;
    /// a check requested after that commit waits for the next read and sees it.
    @Test func anOptOutCommittedWhileAReadRunsIsSeenByTheChecksRequestedAfterIt() async throws {
        try await TestPostgres.withStores(2) { stores in
            try await self.broadcast(stores[0], count: 10)
            let phone = "+12122000003"
            let b = stores[1]
            let reader = SendFenceReader(client: b.client, logger: b.logger, erasureKey: b.erasureKey, url: b.url)
            let gate = SendFenceBatcherTests.FakeReader(held: true)
            let batcher = SendFenceBatcher(maxInFlight: 1) { requests in
                let verdicts = try await reader.read(requests)
                _ = try await gate.read([])
                return verdicts
            }
            let early = Task { try await batcher.verdict(to: phone, channel: .sms) }
            try await SendFenceBatcherTests().until { gate.reads.count == 1 }
            try await StopFenceInstance(stores[0], name: "a").stop(phone)
            let late = Task { try await batcher.verdict(to: phone, channel: .sms) }
            let lateCall = Task { try await batcher.verdict(to: phone, channel: .voice) }
            try await SendFenceBatcherTests().until { batcher.queued == 2 }
            gate.open()
            #expect(try await early.value == .clear, "its read began before the STOP was committed")
            #expect(try await late.value == .optedOut)
            #expect(try await lateCall.value == .optedOut)
            #expect(batcher.counts.reads == 2)
        }
    }

    /// Many checks at once through the store itself: each answered as a lone read would, in far fewer reads.
    @Test func concurrentChecksShareReadsAndKeepTheirVerdicts() async throws {
        try await TestPostgres.withStores(1) { stores in
            let store = stores[0]
            try await store.executeForTests([
                "INSERT INTO suppression (phone, source, created_at) SELECT '+1212' || (2000000 + n), 'keyword', 0 FROM generate_series(0, 999, 5) AS n",
                "INSERT INTO voice_suppression (phone, source, created_at) SELECT '+1212' || (2000000 + n), 'voice_keypress', 0 FROM generate_series(0, 999, 3) AS n",
            ])
            _ = try await store.erase(PhoneNumber(e164: "+12122000001")!, actor: "t", reason: nil, now: self.noon)
            let verdicts = try await withThrowingTaskGroup(of: (Int, TocsinCore.Channel, SendFenceVerdict).self) { group in
                for index in 0..<1000 {
                    let channel: TocsinCore.Channel = index % 2 == 0 ? .sms : .voice
                    group.addTask { (index, channel, try await store.verdict(to: "+1212\(2_000_000 + index)", channel: channel)) }
                }
                return try await group.reduce(into: [(Int, TocsinCore.Channel, SendFenceVerdict)]()) { $0.append($1) }
            }
            #expect(verdicts.count == 1000)
            for (index, channel, verdict) in verdicts {
                let expected: SendFenceVerdict =
                    index % 5 == 0 || index == 1 ? .optedOut : channel == .voice && index % 3 == 0 ? .noMoreCalls : .clear
                #expect(verdict == expected, "\(index) \(channel)")
            }
            let counts = store.sendFenceCounts
            #expect(counts.checks == 1000)
            #expect(counts.reads < 500, "\(counts.reads) reads for 1000 checks")
        }
    }

    /// A campaign with `count` subscribers and one alert at noon fanned out to them.
    func broadcast(_ store: PostgresStore, count: Int) async throws {
        try await Scenario.fannedOut(store, count: count, body: "Act now", fanOutBatch: 5000)
    }
}

extension ArraySlice {
    /// Every `step`-th element from the start.
    func striding(by step: Int) -> [Element] {
        stride(from: self.startIndex, to: self.endIndex, by: step).map { self[$0] }
    }
}
