/// The reply texts every keyword file must define, under `replies:`.
public enum ReplyKey: String, Sendable, CaseIterable, Hashable {
    /// Sent once after a campaign join: program, frequency, rates, HELP and STOP.
    case joinConfirmation = "join_confirmation"
    /// Asks a web sign-up to reply Y before any alert is sent.
    case doubleOptInPrompt = "double_opt_in_prompt"
    /// The single confirmation after an opt-out: no marketing, no links.
    case optOutConfirmation = "opt_out_confirmation"
    /// Sent after START/UNSTOP restores earlier consent.
    case optInConfirmation = "opt_in_confirmation"
    /// Sent after START when there was no earlier consent to restore.
    case optInNothingToRestore = "opt_in_nothing_to_restore"
    /// The HELP/INFO/AIDE reply: brand, support contact, frequency, rates, STOP.
    case help
}
