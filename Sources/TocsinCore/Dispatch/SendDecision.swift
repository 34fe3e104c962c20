import Foundation

/// What the send-time gate decided for one message.
public enum SendDecision: Sendable, Hashable {
    /// Send it now.
    case send
    /// Not now: try again at `until` (quiet hours, frequency cap, pending review).
    case deferred(until: Date, reason: String)
    /// Never: close the message with this status and reason.
    case drop(DropStatus, reason: String)
}

/// How a message the gate refused is closed (the outbound row's status).
public enum DropStatus: String, Sendable, Hashable, CaseIterable {
    /// The number is suppressed (opted out).
    case suppressed
    /// Past its expiry.
    case expired
    /// No active subscription for its campaign and channel.
    case cancelled
}
