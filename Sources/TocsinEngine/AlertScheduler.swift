import Foundation
import Logging
import ServiceLifecycle
import TocsinCore

/// Materialises alert occurrences when they fall due and fans each out into the outbox, in batches that
/// each commit with their cursor, so a crash at any point resumes without losing or doubling a row.
public struct AlertScheduler: Service {
    let alerts: any AlertStore
    let clock: any WallClock
    let sender: String
    let batchSize: Int
    let interval: Duration
    let logger: Logger

    public init(
        alerts: any AlertStore, clock: any WallClock, sender: String, batchSize: Int = 5000,
        interval: Duration = .seconds(1), logger: Logger
    ) {
        self.alerts = alerts
        self.clock = clock
        self.sender = sender
        self.batchSize = batchSize
        self.interval = interval
        self.logger = logger
    }

    /// What one pass did.
    public struct Report: Sendable, Hashable {
        public var occurrences = 0
        public var rows = 0
    }

    /// One pass: materialise every due occurrence (catching up at most 100 per alert), then fan out every
    /// unfinished occurrence to the end.
    @discardableResult
    public func tick() async throws -> Report {
        var report = Report()
        let now = self.clock.now
        for alert in try await self.alerts.dueAlerts(now: now) {
            if case .relative = alert.schedule {
                report.rows += try await self.alerts.materializeRelative(alert, sender: self.sender, now: now, limit: 10_000)
                continue
            }
            var last = alert.lastScheduledAt
            var caughtUp = 0
            while caughtUp < 100, let occurrence = try alert.nextOccurrence(after: last), occurrence.materializeAt <= now {
                let next = try alert.nextOccurrence(after: occurrence.scheduledAt)
                try await self.alerts.materialize(occurrence, of: alert, next: next, now: now)
                report.occurrences += 1
                last = occurrence.scheduledAt
                caughtUp += 1
            }
        }
        for occurrenceID in try await self.alerts.unfinishedFanouts() {
            while true {
                try Task.checkCancellation()
                let step = try await self.alerts.fanOut(
                    occurrenceID: occurrenceID, sender: self.sender, batchSize: self.batchSize, now: self.clock.now
                )
                report.rows += step.inserted
                if step.done { break }
            }
        }
        if report.occurrences > 0 || report.rows > 0 {
            self.logger.info("alerts fanned out", metadata: ["alert.occurrences": "\(report.occurrences)", "outbox.rows": "\(report.rows)"])
        }
        return report
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do { try await self.tick() } catch is CancellationError { return } catch {
                self.logger.error("alert scheduling failed", metadata: ["error": "\(error)"])
            }
            try? await gracefulShutdownAwareSleep(self.interval)
        }
    }
}
