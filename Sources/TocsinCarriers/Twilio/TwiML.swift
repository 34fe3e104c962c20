/// TwiML documents for replying to an inbound SMS webhook.
///
/// The output is byte-identical to `str(MessagingResponse())` of Twilio's Python helper library (`twilio`
/// 9.13.0, serialised by ElementTree): the XML declaration, no whitespace between elements, `<Response />`
/// and `<Message />` for empty elements, and only `&`, `<` and `>` escaped in text.
///
/// One deliberate difference: characters that XML 1.0 does not allow at all (C0 controls other than tab,
/// line feed and carriage return, and U+FFFE/U+FFFF) are dropped. The library writes them as they are,
/// which gives a document Twilio cannot parse, so the reply would be lost.
public enum TwiML {
    private static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"#

    /// A response that sends nothing back: `<?xml version="1.0" encoding="UTF-8"?><Response />`.
    public static let empty = Self.declaration + "<Response />"

    /// A response that replies with one SMS per body, in order.
    ///
    /// An empty body gives an empty `<Message />`, as the library does; an empty array gives ``empty``.
    public static func messages(_ bodies: [String]) -> String {
        guard !bodies.isEmpty else {
            return Self.empty
        }
        var xml = Self.declaration + "<Response>"
        for body in bodies {
            if body.isEmpty {
                xml += "<Message />"
            } else {
                xml += "<Message>"
                Self.appendEscaped(body, to: &xml)
                xml += "</Message>"
            }
        }
        xml += "</Response>"
        return xml
    }

    /// Appends `text` as XML character data, or (with `attribute`) as a double-quoted attribute value,
    /// escaped as Python's ElementTree (used by Twilio's helper library) does; characters XML 1.0 cannot carry
    /// are dropped.
    static func appendEscaped(_ text: String, attribute: Bool = false, to xml: inout String) {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": scalars.append(contentsOf: "&amp;".unicodeScalars)
            case "<": scalars.append(contentsOf: "&lt;".unicodeScalars)
            case ">": scalars.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where attribute: scalars.append(contentsOf: "&quot;".unicodeScalars)
            case "\r" where attribute: scalars.append(contentsOf: "&#13;".unicodeScalars)
            case "\n" where attribute: scalars.append(contentsOf: "&#10;".unicodeScalars)
            case "\t" where attribute: scalars.append(contentsOf: "&#09;".unicodeScalars)
            default:
                if Self.isXMLCharacter(scalar) {
                    scalars.append(scalar)
                }
            }
        }
        xml.unicodeScalars.append(contentsOf: scalars)
    }

    /// The `Char` production of XML 1.0 (Swift scalars are never surrogates).
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
