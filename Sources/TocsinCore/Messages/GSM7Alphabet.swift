/// The GSM 03.38 default alphabet and its extension table (3GPP TS 23.038 §6.2.1 and §6.2.1.1).
///
/// A character of the default alphabet costs one septet. A character of the extension table is sent as
/// the escape code `0x1B` followed by its code, so it costs two septets. Any other character cannot be
/// sent in GSM-7, and the whole message has to be sent in UCS-2 instead (see ``SegmentCount``).
///
/// Lookups work on Unicode scalars, not on grapheme clusters: a decomposed `"e\u{301}"` is *not* GSM-7,
/// because U+0301 (combining acute accent) is not in the table, even though it looks like `é`.
public enum GSM7Alphabet {
    /// The escape code that introduces an extension-table character.
    public static let escapeCode: UInt8 = 0x1B

    /// The default alphabet, indexed by its 7-bit code (128 entries).
    ///
    /// Index `0x1B` is the escape to the extension table and holds `nil`.
    public static let basicTable: [Unicode.Scalar?] = [
        // 0x00–0x0F
        "@", "£", "$", "¥", "è", "é", "ù", "ì", "ò", "Ç", "\n", "Ø", "ø", "\r", "Å", "å",
        // 0x10–0x1F: Greek capitals are written as escapes so that no Latin look-alike slips in.
        "\u{0394}", "_", "\u{03A6}", "\u{0393}", "\u{039B}", "\u{03A9}", "\u{03A0}", "\u{03A8}",
        "\u{03A3}", "\u{0398}", "\u{039E}", nil, "Æ", "æ", "ß", "É",
        // 0x20–0x2F
        " ", "!", "\"", "#", "¤", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".", "/",
        // 0x30–0x3F
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ":", ";", "<", "=", ">", "?",
        // 0x40–0x4F
        "¡", "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O",
        // 0x50–0x5F
        "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "Ä", "Ö", "Ñ", "Ü", "§",
        // 0x60–0x6F
        "¿", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
        // 0x70–0x7F
        "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "ä", "ö", "ñ", "ü", "à",
    ]

    /// The extension table: the code sent after ``escapeCode``, mapped to its character.
    ///
    /// These are form feed, `^ { } \ [ ~ ] |` and `€`; each costs two septets.
    public static let extensionTable: [UInt8: Unicode.Scalar] = [
        0x0A: "\u{0C}", 0x14: "^", 0x28: "{", 0x29: "}", 0x2F: "\\",
        0x3C: "[", 0x3D: "~", 0x3E: "]", 0x40: "|", 0x65: "€",
    ]

    /// Septet cost of every encodable scalar, built once from the two tables.
    private static let costs: [Unicode.Scalar: Int] = {
        var costs: [Unicode.Scalar: Int] = [:]
        for case let scalar? in Self.basicTable {
            costs[scalar] = 1
        }
        for scalar in Self.extensionTable.values {
            costs[scalar] = 2
        }
        return costs
    }()

    /// The number of septets `scalar` costs in GSM-7.
    ///
    /// - Returns: 1 for the default alphabet, 2 for the extension table, `nil` when the scalar cannot be
    ///   sent in GSM-7 at all.
    public static func septets(for scalar: Unicode.Scalar) -> Int? {
        self.costs[scalar]
    }

    /// Whether every scalar of `character` can be sent in GSM-7.
    public static func contains(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { self.costs[$0] != nil }
    }
}
