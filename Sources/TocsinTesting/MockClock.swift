import Foundation
import Synchronization
import TocsinCore

/// A wall clock that moves only when told to.
public final class MockClock: WallClock {
    private let current: Mutex<Date>

    /// Starts at `start` (default 2026-11-21T12:00:00Z, a Saturday).
    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_262_400)) {
        self.current = Mutex(start)
    }

    public var now: Date { self.current.withLock { $0 } }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        self.current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        self.current.withLock { $0 = date }
    }
}
