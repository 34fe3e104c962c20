import Synchronization
import Testing
@testable import TocsinEngine

/// Counts how many bodies run at once, and the most that ever did.
final class Overlap: Sendable {
    private let state = Mutex((active: 0, peak: 0))

    func enter() { self.state.withLock { $0.active += 1; $0.peak = max($0.peak, $0.active) } }
    func leave() { self.state.withLock { $0.active -= 1 } }
    var peak: Int { self.state.withLock { $0.peak } }
}

struct KeyedLockTests {
    @Test func workForOneKeyNeverOverlaps() async throws {
        let lock = KeyedLock()
        let overlap = Overlap()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await lock.withLock("+12125550100") {
                        overlap.enter()
                        try? await Task.sleep(for: .microseconds(200))
                        overlap.leave()
                    }
                }
            }
        }
        #expect(overlap.peak == 1)
    }

    @Test func differentKeysRunConcurrently() async throws {
        let lock = KeyedLock()
        let overlap = Overlap()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    await lock.withLock("key-\(index)") {
                        overlap.enter()
                        try? await Task.sleep(for: .milliseconds(20))
                        overlap.leave()
                    }
                }
            }
        }
        #expect(overlap.peak > 1)
    }
}
