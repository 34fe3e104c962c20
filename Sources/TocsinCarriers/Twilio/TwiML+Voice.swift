import TocsinCore

/// TwiML for alert calls.
///
/// Byte-identical to `str(VoiceResponse())` of Twilio's Python helper library (`twilio` 9.13.0) for the same
/// verbs: attributes sorted by name, `&`, `<`, `>` escaped in text, and `"`, CR, LF and tab escaped as
/// well in attributes (ElementTree's rules); checked against `Fixtures/twiml-voice-vectors.json`.
///
/// Everything up to the menu sits inside one `<Gather>`, so 9 works from the first sentence on (the
/// identification offers it "at any time"), and an answer, or none, goes to the menu URL
/// (`actionOnEmptyResult`).
extension TwiML {
    /// How long the menu waits for a key, in seconds.
    public static let voiceMenuTimeout = 6

    /// The TwiML Twilio fetches when the call is answered: identification, alert, menu.
    public static func voiceCall(_ call: OutboundCall, locale: String, menuURL: String) -> String {
        let script = VoiceScript.of(call.language)
        let intro = VoiceScript.fill(script.intro, org: call.organisationName, callback: call.callbackNumber)
        let says = [intro, call.script, Self.menuText(call)].map { VoiceNode.say($0, locale: locale) }
        return Self.document([Self.gather(menuURL, says)])
    }

    /// The menu again after no key or an unknown key.
    public static func voiceMenuAgain(_ call: OutboundCall, locale: String, menuURL: String) -> String {
        let script = VoiceScript.of(call.language)
        return Self.document([
            .say(script.notUnderstood, locale: locale),
            Self.gather(menuURL, [.say(Self.menuText(call), locale: locale)]),
        ])
    }

    /// Press 1: connect to the campaign's target, then thank and hang up.
    public static func voiceConnect(_ call: OutboundCall, locale: String) -> String {
        let script = VoiceScript.of(call.language)
        let target = call.targetName ?? ""
        return Self.document([
            .say(VoiceScript.fill(script.connecting, org: call.organisationName, target: target), locale: locale),
            VoiceNode(name: "Dial", text: call.targetNumber ?? ""),
            .say(script.afterConnect, locale: locale),
            VoiceNode(name: "Hangup"),
        ])
    }

    /// Press 9: the opt-out is recorded; confirm it and hang up.
    public static func voiceStopped(_ call: OutboundCall, locale: String) -> String {
        let script = VoiceScript.of(call.language)
        return Self.document([
            .say(VoiceScript.fill(script.stopped, org: call.organisationName), locale: locale), VoiceNode(name: "Hangup"),
        ])
    }

    /// No valid key after the menu was repeated: say goodbye and hang up.
    public static func voiceGoodbye(_ call: OutboundCall, locale: String) -> String {
        Self.document([.say(VoiceScript.of(call.language).goodbye, locale: locale), VoiceNode(name: "Hangup")])
    }

    /// Ends a call at once (the number opted out after the call was placed).
    public static let hangup = #"<?xml version="1.0" encoding="UTF-8"?><Response><Hangup /></Response>"#

    static func menuText(_ call: OutboundCall) -> String {
        let script = VoiceScript.of(call.language)
        guard call.hasTarget, let target = call.targetName else { return script.menuWithoutTarget }
        return VoiceScript.fill(script.menuWithTarget, org: call.organisationName, target: target)
    }

    static func gather(_ action: String, _ children: [VoiceNode]) -> VoiceNode {
        VoiceNode(
            name: "Gather",
            attributes: [
                ("action", action), ("actionOnEmptyResult", "true"), ("method", "POST"), ("numDigits", "1"),
                ("timeout", String(Self.voiceMenuTimeout)),
            ],
            children: children
        )
    }

    static func document(_ verbs: [VoiceNode]) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"#
        VoiceNode(name: "Response", children: verbs).write(to: &xml)
        return xml
    }
}

/// One TwiML element, written the way ElementTree writes it.
struct VoiceNode {
    var name: String
    /// Written sorted by name.
    var attributes: [(String, String)] = []
    var text: String = ""
    var children: [VoiceNode] = []

    static func say(_ text: String, locale: String) -> VoiceNode {
        VoiceNode(name: "Say", attributes: [("language", locale)], text: text)
    }

    func write(to xml: inout String) {
        xml += "<" + self.name
        for (key, value) in self.attributes.sorted(by: { $0.0 < $1.0 }) {
            xml += " " + key + "=\""
            TwiML.appendEscaped(value, attribute: true, to: &xml)
            xml += "\""
        }
        if self.text.isEmpty && self.children.isEmpty {
            xml += " />"
            return
        }
        xml += ">"
        TwiML.appendEscaped(self.text, attribute: false, to: &xml)
        for child in self.children { child.write(to: &xml) }
        xml += "</" + self.name + ">"
    }
}
