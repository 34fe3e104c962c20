import Foundation

/// The live `tocsin serve` instances on one database, so that they can share the sender limits.
///
/// Each instance heartbeats every few seconds; an instance not seen for `staleAfter` seconds is dead, and
/// the heartbeat that finds it deletes its row (dead instances do not accumulate).
public protocol InstanceRegistry: Sendable {
    /// Records that `instance` is alive at `now`, deletes every instance last seen `staleAfter` seconds or
    /// more before `now`, and returns how many instances are live (at least 1: the caller itself).
    ///
    /// Times are each instance's own wall clock: the instances' clocks must agree to well within
    /// `staleAfter` (NTP).
    func heartbeat(_ instance: InstanceInfo, now: Date, staleAfter: TimeInterval) async throws -> Int

    /// Removes the instance's row (a graceful stop): the others take its share at their next heartbeat.
    func leave(id: String) async throws
}
