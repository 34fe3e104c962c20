/// What happened to one imported row.
public enum SubscriberImportOutcome: Sendable, Hashable {
    /// Now an active subscriber, with the consent event recorded.
    case imported
    /// Already an active subscriber of the campaign: nothing changed.
    case alreadySubscribed
    /// Not imported, for this reason.
    case rejected(String)
}
