/// `application/x-www-form-urlencoded` encoding for requests to Twilio's API.
enum TwilioForm {
    /// Fields joined with `&`; in names and values, unreserved ASCII (letters, digits, `-._~`) stays as it
    /// is, a space becomes `+`, every other UTF-8 byte is `%XX`.
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { Self.escape($0.0) + "=" + Self.escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            case UInt8(ascii: " "):
                bytes.append(UInt8(ascii: "+"))
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
