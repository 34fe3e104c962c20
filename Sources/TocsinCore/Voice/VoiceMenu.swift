/// What an alert call does after the menu, decided from the key pressed (pure; the route does the I/O).
///
/// - `1` connects to the campaign's target (when it has one);
/// - `9` records a voice opt-out and ends the call with a short confirmation;
/// - no key or any other key repeats the menu once, then says goodbye.
public enum VoiceMenu {
    /// How many times the menu is offered in all.
    public static let maxAttempts = 2

    /// The next step of the call.
    public enum Action: Sendable, Hashable {
        case connect
        case optOut
        /// Offer the menu again; its answer comes back with this attempt number.
        case repeatMenu(attempt: Int)
        case goodbye
    }

    /// The step after `digits` were pressed (empty: none) on menu attempt `attempt` (1-based).
    public static func next(digits: String, attempt: Int, hasTarget: Bool) -> Action {
        switch digits {
        case "9": return .optOut
        case "1" where hasTarget: return .connect
        default: return attempt < Self.maxAttempts ? .repeatMenu(attempt: max(attempt, 0) + 1) : .goodbye
        }
    }
}
