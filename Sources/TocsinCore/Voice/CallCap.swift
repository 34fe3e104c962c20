import Foundation

/// The per-number call cap: prerecorded or artificial-voice calls that are non-commercial or made by a
/// tax-exempt nonprofit may reach a residential line at most 3 times in any 30-day period
/// (compliance-facts §1.6, FCC 20-186). Tocsin cannot tell landlines from mobiles, so it applies the cap to
/// every number, across all campaigns.
public struct CallCap: Sendable, Hashable {
    /// Calls per number in any ``window``.
    public var maxCalls: Int
    public var window: TimeInterval

    /// The default: 3 calls per 30 days.
    public init(maxCalls: Int = 3, window: TimeInterval = 30 * 86_400) {
        self.maxCalls = maxCalls
        self.window = window
    }

    /// When one more call to the number is allowed, given when calls were placed to it (nil: now).
    public func freesAt(recentCalls: [Date], now: Date) -> Date? {
        let inWindow = recentCalls.filter { now.timeIntervalSince($0) < self.window }.sorted()
        guard inWindow.count >= self.maxCalls else { return nil }
        // The call that must leave the window for the count to drop below the cap.
        return inWindow[inWindow.count - max(self.maxCalls, 1)].addingTimeInterval(self.window)
    }
}
