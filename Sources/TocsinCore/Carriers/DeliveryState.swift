import Foundation

/// Where a sent message stands according to the carrier's delivery receipts.
///
/// States only move forward: `queued` < `sent` < a final state (`delivered`, `undelivered`, `failed`). A
/// receipt that would move a message backwards or out of a final state (a late `sent` after `delivered`,
/// receipts arriving out of order) is ignored.
public enum DeliveryState: String, Sendable, Hashable, CaseIterable, Codable {
    case queued
    case sent
    case delivered
    case undelivered
    case failed

    /// The order of progress: 0 waiting at the carrier, 1 handed on, 2 final.
    public var rank: Int {
        switch self {
        case .queued: 0
        case .sent: 1
        case .delivered, .undelivered, .failed: 2
        }
    }

    /// Whether the state is final (no later receipt changes it).
    public var isFinal: Bool { self.rank == 2 }

    /// The state a stored message takes on this receipt, or nil when the receipt is ignored.
    ///
    /// - Parameter stored: The message's stored status. Only `sent` moves (to a final state): rows not yet
    ///   handed to the carrier (`queued`, `sending`: a `queued` here would make the dispatcher send it again),
    ///   already final, or closed by Tocsin for other reasons (`suppressed`, `expired`, …) never change.
    public func applied(to stored: String) -> DeliveryState? {
        guard stored == "sent" else { return nil }
        // A stored `sent` already covers `queued` and `sent` at the carrier; only a final state moves it.
        return self.rank > DeliveryState.sent.rank ? self : nil
    }
}
