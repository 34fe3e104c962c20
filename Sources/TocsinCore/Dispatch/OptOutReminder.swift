/// The periodic reminder of how to opt out, appended to a bulk message when a subscriber has not had one
/// for ``interval`` seconds.
public enum OptOutReminder {
    /// At least monthly per subscriber.
    public static let interval: Double = 30 * 86_400

    /// The reminder in `language` (English when the language has none).
    public static func text(language: String?) -> String {
        switch language {
        case "fr": "Répondez ARRET pour annuler."
        case "es": "Responda STOP para cancelar."
        case "zh", "zh-Hant", "zh-HK": "回覆 STOP 取消。"
        default: "Reply STOP to opt out."
        }
    }
}
