import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TocsinCore

/// Keeps this instance in the instance registry and makes the pacers take this instance's share of the
/// limits: with n live instances on one database each paces at 1/n of every sender's limits (and of the
/// calls per second), so together they stay within them.
///
/// Every `interval` it heartbeats; an instance not seen for 3 intervals is dead, its row is deleted and
/// its share returns to the others. A failed heartbeat is logged and changes nothing (the last share is
/// kept: the rate never rises on an error). On a graceful shutdown it removes its own row.
///
/// Call ``beat()`` once before the dispatchers start, so that a new instance never sends its first
/// seconds at the full limits while others are sending.
public final class InstanceHeartbeat: Service, Sendable {
    /// This instance, as the registry records it.
    public let instance: InstanceInfo
    let registry: any InstanceRegistry
    let pacers: [any LimitSharing]
    let clock: any WallClock
    let interval: Duration
    let metrics: EngineMetrics
    let logger: Logger
    /// The live instances at the last successful heartbeat (nil before the first).
    private let live = Mutex<Int?>(nil)

    /// - Parameters:
    ///   - pacers: every pacer of this instance, e.g. `[dispatcher.pacer, callDispatcher.pacer]`.
    ///   - interval: `dispatch.heartbeat_seconds`.
    ///   - instance: this process (a fresh id, the host name and process id) unless given.
    public init(
        registry: any InstanceRegistry, pacers: [any LimitSharing], clock: any WallClock, interval: Duration = .seconds(2),
        instance: InstanceInfo? = nil, metrics: EngineMetrics = .disabled, logger: Logger
    ) {
        self.registry = registry
        self.pacers = pacers
        self.clock = clock
        self.interval = interval
        let process = ProcessInfo.processInfo
        self.instance = instance ?? InstanceInfo(host: process.hostName, pid: Int(process.processIdentifier), startedAt: clock.now)
        self.metrics = metrics
        self.logger = logger
    }

    /// How long an instance may go without a heartbeat before it counts as dead: 3 intervals.
    public var staleAfter: TimeInterval {
        3 * (Double(self.interval.components.seconds) + Double(self.interval.components.attoseconds) / 1e18)
    }

    /// The live instances at the last successful heartbeat (nil before the first).
    public var instances: Int? { self.live.withLock { $0 } }

    /// One heartbeat: records this instance, counts the live ones and sets every pacer's share. Returns the
    /// share in force afterwards (on an error, the last one).
    @discardableResult
    public func beat() async -> Int {
        let count: Int
        do {
            count = max(try await self.registry.heartbeat(self.instance, now: self.clock.now, staleAfter: self.staleAfter), 1)
        } catch {
            let kept = self.instances ?? 1
            self.logger.error(
                "instance heartbeat failed: keeping the last share of the sender limits",
                metadata: ["instance.id": "\(self.instance.id)", "instances": "\(kept)", "error": "\(error)"]
            )
            return kept
        }
        for pacer in self.pacers { await pacer.setShare(count) }
        self.metrics.instances(count)
        let previous = self.live.withLock { live in
            defer { live = count }
            return live
        }
        if previous != count {
            self.logger.info(
                count == 1 ? "1 instance: this one uses the whole sender limits" : "\(count) instances share the sender limits",
                metadata: ["instance.id": "\(self.instance.id)", "instances": "\(count)"]
            )
        }
        return count
    }

    /// Removes this instance's row (done by ``run()`` on a graceful shutdown); an error is logged (the row
    /// then goes stale and the next heartbeat of another instance removes it).
    public func leave() async {
        do {
            try await self.registry.leave(id: self.instance.id)
            self.logger.info("instance left the registry", metadata: ["instance.id": "\(self.instance.id)"])
        } catch {
            self.logger.warning(
                "instance could not leave the registry: the others take its share within 3 heartbeats",
                metadata: ["instance.id": "\(self.instance.id)", "error": "\(error)"]
            )
        }
    }

    /// Heartbeats every `interval` until a graceful shutdown, then leaves the registry.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await self.beat()
            try? await gracefulShutdownAwareSleep(self.interval)
        }
        await self.leave()
    }
}
