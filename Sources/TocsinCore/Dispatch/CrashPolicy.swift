/// What happens at start to messages whose carrier call was in flight when the process died.
public enum CrashPolicy: String, Sendable, Hashable, CaseIterable {
    /// Mark them in doubt and report them; never resend (a supporter may get nothing, never two).
    case atMostOnce = "at_most_once"
    /// Queue them again (a supporter may get the message twice).
    case atLeastOnce = "at_least_once"
}
