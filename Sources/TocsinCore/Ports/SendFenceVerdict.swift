/// What a ``SendFence`` found.
public enum SendFenceVerdict: String, Sendable, Hashable, CaseIterable {
    /// Nothing stops the send.
    case clear
    /// The number is on the org-wide suppression list (a STOP, a carrier-reported opt-out, an erasure).
    case optedOut = "opted_out"
    /// The number asked for no more calls (pressed 9); only for voice.
    case noMoreCalls = "no_more_calls"
}
