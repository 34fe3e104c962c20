/// Where a number stands with one campaign.
public enum SubscriptionStatus: String, Sendable, Codable, CaseIterable, Hashable {
    /// Asked to join on a web form; waiting for the handset's Y.
    case pending
    /// Consented; may receive the campaign's alerts.
    case active
    /// Opted out (by STOP, staff, carrier report, ...).
    case optedOut = "opted_out"
}

/// The kind of entry in the consent ledger.
public enum ConsentAction: String, Sendable, Codable, CaseIterable, Hashable {
    /// Asked to join (web form); consent not yet confirmed by the handset.
    case optInRequested = "opt_in_requested"
    /// Joined (keyword or confirmed double opt-in).
    case optIn = "opt_in"
    /// Confirmed a pending web opt-in with Y/YES.
    case confirm
    /// Opted out.
    case optOut = "opt_out"
    /// Opted back in with START/UNSTOP.
    case reOptIn = "re_opt_in"
    /// Undid a recent opt-out with OOPS.
    case undo
    /// A web opt-in for a suppressed number: recorded, nothing sent.
    case optInRefusedSuppressed = "opt_in_refused_suppressed"
    /// A reviewer decided an ambiguous text was not an opt-out.
    case reviewedNotOptOut = "reviewed_not_opt_out"
    /// The number's personal data was erased; it stays suppressed by its keyed hash.
    case erasure
}

/// Where a consent event came from.
public enum ConsentSource: String, Sendable, Codable, CaseIterable, Hashable {
    case keyword
    case webForm = "web_form"
    case staff
    case carrier
    case `import`
    /// A human review of an ambiguous text (or its deadline passing).
    case review
    /// A key pressed during an alert call ("press 9 to stop all calls and texts").
    case voiceKeypress = "voice_keypress"
    /// A signed unsubscribe link (`/u/{token}`).
    case webLink = "web_link"
    /// An erasure request.
    case erasure
}
