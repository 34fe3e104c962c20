/// The intents a keyword file may list under `keywords:`.
enum ParsedIntent: String, Sendable, CaseIterable {
    case optOut = "opt_out"
    case optIn = "opt_in"
    case help
    case confirm
    case undo
}
