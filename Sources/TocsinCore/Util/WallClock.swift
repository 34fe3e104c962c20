import Foundation

/// A source of the current wall-clock time.
///
/// Everything that depends on "now" takes a `WallClock` (or a `now: Date`) so tests can pin time.
public protocol WallClock: Sendable {
    /// The current instant.
    var now: Date { get }
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public var now: Date { Date() }
}

extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, the unit the store uses for every timestamp.
    public var millisecondsSince1970: Int64 { Int64((self.timeIntervalSince1970 * 1000).rounded()) }

    /// Creates a date from milliseconds since 1970.
    public init(millisecondsSince1970 ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }
}
