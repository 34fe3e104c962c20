/// What an alert call says besides the alert itself, in each language Tocsin writes in, and the
/// text-to-speech locale each language is read in.
///
/// A call (see ``OutboundCall``) goes: identification with the stop key and the callback number (at the
/// start, as 47 CFR 64.1200(b) asks), the alert text, then the menu ("press 1 to be connected to …,
/// press 9 to stop all calls and texts"). Placeholders: `{org}`, `{callback}`, `{target}`.
public struct VoiceScript: Sendable, Hashable {
    public var intro: String
    public var menuWithTarget: String
    public var menuWithoutTarget: String
    public var connecting: String
    public var afterConnect: String
    public var stopped: String
    public var notUnderstood: String
    public var goodbye: String

    /// The default text-to-speech locale of each language (`voice.locales` overrides them): US English,
    /// Canadian French (the CWTA's bilingual rules), US Spanish and Hong Kong Chinese (Cantonese, read from
    /// the traditional characters the Chinese keyword file writes).
    public static let defaultLocales: [String: String] = ["en": "en-US", "fr": "fr-CA", "es": "es-US", "zh": "zh-HK"]

    /// The script of `language`, English when Tocsin has none for it.
    public static func of(_ language: String) -> VoiceScript {
        Self.scripts[language] ?? Self.english
    }

    /// The languages with a script of their own.
    public static var languages: [String] { Self.scripts.keys.sorted() }

    /// Fills `{org}`, `{callback}` and `{target}`.
    public static func fill(_ text: String, org: String, callback: String = "", target: String = "") -> String {
        text.replacingOccurrences(of: "{org}", with: org)
            .replacingOccurrences(of: "{callback}", with: Self.spoken(callback))
            .replacingOccurrences(of: "{target}", with: target)
    }

    /// A phone number as text-to-speech should read it: its digits one by one (`+1 415…` → `1 4 1 5 …`).
    public static func spoken(_ number: String) -> String {
        number.filter(\.isASCIIDigit).map(String.init).joined(separator: " ")
    }

    static let english = VoiceScript(
        intro: "This is a call from {org}. To stop all calls and texts from us, press 9 at any time. You can call us back at {callback}.",
        menuWithTarget: "To be connected to {target}, press 1. To stop all calls and texts from us, press 9.",
        menuWithoutTarget: "To stop all calls and texts from us, press 9.",
        connecting: "Connecting you to {target} now.",
        afterConnect: "Thank you for taking action. Goodbye.",
        stopped: "You will receive no more calls or texts from {org}. Goodbye.",
        notUnderstood: "Sorry, I did not get that.",
        goodbye: "Thank you. Goodbye."
    )

    static let scripts: [String: VoiceScript] = [
        "en": english,
        "fr": VoiceScript(
            intro: "Ceci est un appel de {org}. Pour ne plus recevoir aucun appel ni texto de notre part, appuyez sur 9 à tout moment. Vous pouvez nous rappeler au {callback}.",
            menuWithTarget: "Pour être mis en relation avec {target}, appuyez sur 1. Pour ne plus recevoir aucun appel ni texto de notre part, appuyez sur 9.",
            menuWithoutTarget: "Pour ne plus recevoir aucun appel ni texto de notre part, appuyez sur 9.",
            connecting: "Nous vous mettons en relation avec {target}.",
            afterConnect: "Merci d'avoir agi. Au revoir.",
            stopped: "Vous ne recevrez plus aucun appel ni texto de {org}. Au revoir.",
            notUnderstood: "Désolé, nous n'avons pas compris votre choix.",
            goodbye: "Merci. Au revoir."
        ),
        "es": VoiceScript(
            intro: "Esta es una llamada de {org}. Para no recibir más llamadas ni mensajes nuestros, marque 9 en cualquier momento. Puede devolvernos la llamada al {callback}.",
            menuWithTarget: "Para comunicarse con {target}, marque 1. Para no recibir más llamadas ni mensajes nuestros, marque 9.",
            menuWithoutTarget: "Para no recibir más llamadas ni mensajes nuestros, marque 9.",
            connecting: "Le estamos comunicando con {target}.",
            afterConnect: "Gracias por actuar. Adiós.",
            stopped: "No recibirá más llamadas ni mensajes de {org}. Adiós.",
            notUnderstood: "Lo sentimos, no entendimos su opción.",
            goodbye: "Gracias. Adiós."
        ),
        "zh": VoiceScript(
            intro: "這是{org}的來電。如不想再收到我們的任何來電及短訊，請隨時按9。回電號碼是{callback}。",
            menuWithTarget: "如要接通{target}，請按1。如不想再收到我們的任何來電及短訊，請按9。",
            menuWithoutTarget: "如不想再收到我們的任何來電及短訊，請按9。",
            connecting: "現在為你接通{target}。",
            afterConnect: "多謝你採取行動。再見。",
            stopped: "你將不會再收到{org}的任何來電或短訊。再見。",
            notUnderstood: "對不起，未能辨認你的選擇。",
            goodbye: "多謝。再見。"
        ),
    ]
}

extension Character {
    fileprivate var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}
