/// A call's progress as a voice carrier reports it (Twilio's `CallStatus`, the usual telephony states).
public enum CallStatus: String, Sendable, Hashable, CaseIterable {
    case queued
    case ringing
    case inProgress = "in-progress"
    case completed
    case busy
    case noAnswer = "no-answer"
    case failed
    case canceled

    /// THE mapping from call progress to the state of the call's outbound message row.
    ///
    /// | Call status | Message state | Why |
    /// | --- | --- | --- |
    /// | queued | queued | accepted, not dialled yet |
    /// | ringing | sent | dialled, the phone rings |
    /// | in-progress | delivered | answered: the script is being read |
    /// | completed | delivered | answered and ended normally |
    /// | busy, no-answer | undelivered | dialled, nobody heard it |
    /// | failed | failed | could not be placed (invalid or unreachable number) |
    /// | canceled | failed | withdrawn before it was answered; nobody heard it and no carrier fault |
    public var messageState: CallMessageState {
        switch self {
        case .queued: .queued
        case .ringing: .sent
        case .inProgress, .completed: .delivered
        case .busy, .noAnswer: .undelivered
        case .failed, .canceled: .failed
        }
    }
}

/// The outbound message states a call can be in after the carrier accepted it: the same states, in the
/// same order, as an SMS's delivery receipts.
public typealias CallMessageState = DeliveryState

extension DeliveryState {
    /// Whether a placed call's message in state `current` (a stored status) moves to `self`: `sending`
    /// (the carrier accepted it, Tocsin has not recorded it yet) moves to anything past `queued`, `sent` only
    /// to a final state, and nothing moves back to `queued` (that would queue the call again).
    public func advances(from current: String) -> Bool {
        switch current {
        case "sending": self.rank >= 1
        case "sent": self.rank > 1
        default: false
        }
    }
}
