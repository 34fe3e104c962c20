import Foundation
import Logging
import ServiceLifecycle
import TocsinCore

/// Treats review items left undecided past their deadline as opt-outs, once a minute.
public struct ReviewDeadlineService: Service {
    let reviews: any ReviewStore
    let clock: any WallClock
    let interval: Duration
    let logger: Logger

    public init(reviews: any ReviewStore, clock: any WallClock, interval: Duration = .seconds(60), logger: Logger) {
        self.reviews = reviews
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// One pass: expires every overdue item. Returns how many were expired.
    @discardableResult
    public func sweep() async throws -> Int {
        let expired = try await self.reviews.expireOverdueReviews(now: self.clock.now)
        if expired > 0 {
            self.logger.warning("review deadline passed: treated as opt-outs", metadata: ["review.expired": "\(expired)"])
        }
        return expired
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do { try await self.sweep() } catch {
                self.logger.error("review deadline sweep failed", metadata: ["error": "\(error)"])
            }
            try? await gracefulShutdownAwareSleep(self.interval)
        }
    }
}

/// Sleeps for `duration`, returning early when a graceful shutdown starts.
func gracefulShutdownAwareSleep(_ duration: Duration) async throws {
    try await cancelWhenGracefulShutdown {
        try await Task.sleep(for: duration)
    }
}
