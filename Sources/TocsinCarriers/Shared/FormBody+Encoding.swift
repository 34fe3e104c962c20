extension FormBody {
    /// Encodes fields as an `application/x-www-form-urlencoded` body, in the order given.
    ///
    /// Letters, digits and `-._~` stay as they are, a space becomes `+`, every other byte of the UTF-8
    /// form becomes `%XX` (upper-case hex), as Python's `urlencode` writes it. ``parse(_:maxBytes:)`` reads
    /// the result back to the same fields.
    public static func encode(_ fields: [(String, String)]) -> [UInt8] {
        var out: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            Self.escape(field.0, into: &out)
            out.append(UInt8(ascii: "="))
            Self.escape(field.1, into: &out)
        }
        return out
    }

    private static func escape(_ text: String, into out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: " "):
                out.append(UInt8(ascii: "+"))
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
    }
}
