import Foundation
import Testing
import TocsinCore
@testable import TocsinPostgres
@testable import TocsinStore

/// InstanceRegistry, written once and run on both engines: two registries are two clients of one database
/// (PostgreSQL: two stores, as two instances; SQLite: one store, as only one process opens its file).
struct InstanceRegistryConformanceTests {
    let noon = Scenario.noon

    func withRegistries<Result: Sendable>(
        _ engine: StoreEngine, _ body: (EngineStore, [any InstanceRegistry]) async throws -> Result
    ) async throws -> Result {
        switch engine {
        case .sqlite:
            let store = try SQLiteStore.inMemory()
            return try await body(EngineStore(engine: engine, sqlite: store, postgres: nil), [store, store])
        case .postgres:
            return try await TestPostgres.withStores(2) { stores in
                try await body(EngineStore(engine: engine, sqlite: nil, postgres: stores[0]), stores)
            }
        }
    }

    func instance(_ id: String) -> InstanceInfo {
        InstanceInfo(id: id, host: "host-\(id)", pid: 4242, startedAt: self.noon)
    }

    @Test(arguments: StoreEngine.allCases)
    func twoClientsHeartbeatingCountTwo(engine: StoreEngine) async throws {
        try await self.withRegistries(engine) { store, registries in
            let first = try await registries[0].heartbeat(self.instance("a"), now: self.noon, staleAfter: 6)
            #expect(first == 1)
            #expect(try await registries[1].heartbeat(self.instance("b"), now: self.noon, staleAfter: 6) == 2)
            // Beating again updates the row; it never counts an instance twice.
            let later = self.noon.addingTimeInterval(2)
            #expect(try await registries[0].heartbeat(self.instance("a"), now: later, staleAfter: 6) == 2)
            #expect(try await registries[0].heartbeat(self.instance("a"), now: later, staleAfter: 6) == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM dispatch_instance") == 2)
            let row = "SELECT COUNT(*) FROM dispatch_instance WHERE id = 'a' AND host = 'host-a' AND pid = 4242"
            #expect(try await store.count(row + " AND started_at = \(self.noon.millisecondsSince1970)") == 1)
            #expect(try await store.count(row + " AND seen_at = \(later.millisecondsSince1970)") == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func staleRowsAreDeletedByTheHeartbeatThatFindsThem(engine: StoreEngine) async throws {
        try await self.withRegistries(engine) { store, registries in
            // Five instances that beat once and died, and b.
            for index in 0..<5 {
                _ = try await registries[index % 2].heartbeat(self.instance("dead\(index)"), now: self.noon, staleAfter: 6)
            }
            #expect(try await registries[1].heartbeat(self.instance("b"), now: self.noon.addingTimeInterval(3), staleAfter: 6) == 6)
            // Just under 6 s after their last beat they still count; at 6 s they are dead and deleted.
            let almost = self.noon.addingTimeInterval(5.999)
            #expect(try await registries[0].heartbeat(self.instance("a"), now: almost, staleAfter: 6) == 7)
            #expect(try await registries[0].heartbeat(self.instance("a"), now: self.noon.addingTimeInterval(6), staleAfter: 6) == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM dispatch_instance") == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM dispatch_instance WHERE id LIKE 'dead%'") == 0)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anInstanceThatLeavesIsGoneAtOnce(engine: StoreEngine) async throws {
        try await self.withRegistries(engine) { store, registries in
            _ = try await registries[0].heartbeat(self.instance("a"), now: self.noon, staleAfter: 6)
            #expect(try await registries[1].heartbeat(self.instance("b"), now: self.noon, staleAfter: 6) == 2)
            try await registries[0].leave(id: "a")
            #expect(try await registries[1].heartbeat(self.instance("b"), now: self.noon, staleAfter: 6) == 1)
            // Leaving twice, or an id never seen, is not an error.
            try await registries[0].leave(id: "a")
            try await registries[0].leave(id: "nobody")
            #expect(try await store.count("SELECT COUNT(*) FROM dispatch_instance") == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aLateHeartbeatNeverMovesSeenAtBack(engine: StoreEngine) async throws {
        try await self.withRegistries(engine) { store, registries in
            let later = self.noon.addingTimeInterval(4)
            _ = try await registries[0].heartbeat(self.instance("a"), now: later, staleAfter: 6)
            _ = try await registries[0].heartbeat(self.instance("a"), now: self.noon, staleAfter: 6)
            #expect(try await store.count("SELECT seen_at FROM dispatch_instance WHERE id = 'a'") == Int(later.millisecondsSince1970))
        }
    }

    @Test func concurrentHeartbeatsOfTwoPostgresInstancesNeverFailAndCountTwo() async throws {
        try await TestPostgres.withStores(2) { stores in
            let counts = try await withThrowingTaskGroup(of: [Int].self) { group in
                for (index, store) in stores.enumerated() {
                    group.addTask {
                        var counts: [Int] = []
                        for beat in 0..<20 {
                            let now = self.noon.addingTimeInterval(Double(beat))
                            counts.append(try await store.heartbeat(self.instance("i\(index)"), now: now, staleAfter: 60))
                        }
                        return counts
                    }
                }
                return try await group.reduce(into: [Int]()) { $0 += $1 }
            }
            #expect(counts.count == 40 && counts.allSatisfy { $0 == 1 || $0 == 2 })
            #expect(try await stores[0].heartbeat(self.instance("i0"), now: self.noon.addingTimeInterval(30), staleAfter: 60) == 2)
        }
    }
}
