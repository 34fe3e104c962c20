import Foundation

/// A one-off time relative to when a supporter joined, such as "3 days after joining, at 18:00 their time".
///
/// JSON form: `{"offsetDays":3,"offsetMinutes":0,"atLocalTime":"18:00"}` (`atLocalTime` may be absent).
public struct RelativeSchedule: Sendable, Hashable, Codable {
    /// Calendar days after the join date, counted in the recipient's zone (a day across a DST change is
    /// 23 or 25 hours long, so the local clock time is kept).
    public var offsetDays: Int
    /// Minutes of elapsed time added last (after the day shift and ``atLocalTime``).
    public var offsetMinutes: Int
    /// The recipient's local time of day to fire at; `nil` keeps the time of day at which they joined.
    public var atLocalTime: LocalTimeOfDay?

    /// Offsets beyond this many days (either way) are treated as this many.
    static let offsetDayLimit = 3_000_000

    /// Creates a relative schedule; the default fires at the moment of joining.
    public init(offsetDays: Int = 0, offsetMinutes: Int = 0, atLocalTime: LocalTimeOfDay? = nil) {
        self.offsetDays = offsetDays
        self.offsetMinutes = offsetMinutes
        self.atLocalTime = atLocalTime
    }

    /// When the alert fires for a supporter who joined at `joinedAt` and lives in `recipientZone`.
    ///
    /// Takes the join's local date in `recipientZone`, adds ``offsetDays``, sets the time to ``atLocalTime``
    /// (or keeps the join's time of day, to the second), converts with the RFC 5545 gap and overlap rules of
    /// ``RecurrenceSchedule/utcInstant(_:in:)``, then adds ``offsetMinutes``.
    ///
    /// - Returns: That instant, but never earlier than `joinedAt`: a time already past (negative offsets, or
    ///   `offsetDays` 0 with an ``atLocalTime`` earlier in the day than the join) becomes `joinedAt`, so the
    ///   alert goes out at once instead of being lost. Offsets beyond ±3,000,000 days are clamped.
    public func fireDate(joinedAt: Date, recipientZone: TimeZone) -> Date {
        // Clamp absurd offsets (about ±8,000 years) so decoded input can never overflow the arithmetic.
        let days = min(max(self.offsetDays, -Self.offsetDayLimit), Self.offsetDayLimit)
        let minutes = min(max(self.offsetMinutes, -Self.offsetDayLimit * 1440), Self.offsetDayLimit * 1440)
        let joined = LocalDateTime(joinedAt, in: recipientZone)
        let local = LocalDateTime(
            epochDay: joined.epochDay + days,
            hour: self.atLocalTime?.hour ?? joined.hour,
            minute: self.atLocalTime?.minute ?? joined.minute,
            second: self.atLocalTime == nil ? joined.second : 0
        )
        let fire = RecurrenceSchedule.utcInstant(local, in: recipientZone)
            .addingTimeInterval(Double(minutes) * 60)
        return max(fire, joinedAt)
    }
}
