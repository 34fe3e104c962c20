import Testing
import TocsinCore

struct GSM7AlphabetTests {
    @Test func basicTableHas128CodesWithEscapeAt0x1B() {
        #expect(GSM7Alphabet.basicTable.count == 128)
        #expect(GSM7Alphabet.basicTable[Int(GSM7Alphabet.escapeCode)] == nil)
        #expect(GSM7Alphabet.basicTable.compactMap { $0 }.count == 127)
        #expect(Set(GSM7Alphabet.basicTable.compactMap { $0 }).count == 127, "no character appears twice")
    }

    /// Code points from the TS 23.038 default alphabet table, including the ones implementations often get wrong.
    @Test(arguments: [
        (0x00, "@"), (0x01, "£"), (0x02, "$"), (0x03, "¥"), (0x09, "Ç"), (0x0A, "\n"), (0x0D, "\r"),
        (0x10, "\u{0394}"), (0x11, "_"), (0x15, "\u{03A9}"), (0x1F, "É"), (0x20, " "), (0x24, "¤"),
        (0x40, "¡"), (0x41, "A"), (0x5F, "§"), (0x60, "¿"), (0x7A, "z"), (0x7F, "à"),
    ] as [(Int, Unicode.Scalar)])
    func basicTableCode(_ code: Int, _ scalar: Unicode.Scalar) {
        #expect(GSM7Alphabet.basicTable[code] == scalar)
    }

    @Test func extensionTableIsTheTenEscapedCharacters() {
        let expected: Set<Unicode.Scalar> = ["\u{0C}", "^", "{", "}", "\\", "[", "~", "]", "|", "€"]
        #expect(Set(GSM7Alphabet.extensionTable.values) == expected)
        #expect(GSM7Alphabet.extensionTable[0x65] == "€")
        #expect(GSM7Alphabet.extensionTable[0x2F] == "\\")
        let basic = Set(GSM7Alphabet.basicTable.compactMap { $0 })
        #expect(basic.isDisjoint(with: expected))
    }

    @Test(arguments: [
        ("a", 1), ("@", 1), ("\u{0394}", 1), ("€", 2), ("^", 2), ("\u{0C}", 2), ("|", 2),
    ] as [(Unicode.Scalar, Int)])
    func septetsOfEncodableScalars(_ scalar: Unicode.Scalar, _ septets: Int) {
        #expect(GSM7Alphabet.septets(for: scalar) == septets)
    }

    /// Look-alikes and accented letters that are not in GSM-7 (compliance facts §6).
    @Test(arguments: [
        "\u{1B}", "\u{2126}", "\u{2206}", "ç", "Ê", "â", "ê", "î", "ô", "û", "ë", "ï", "œ", "á", "í", "ó", "ú", "Á",
        "\u{2019}", "\u{201C}", "\u{2013}", "\u{2014}", "\u{0301}", "\t", "`",
    ] as [Unicode.Scalar])
    func scalarsOutsideGSM7(_ scalar: Unicode.Scalar) {
        #expect(GSM7Alphabet.septets(for: scalar) == nil)
    }

    @Test func factsSheetBasicSetIsOneSeptetEach() {
        let listed = "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡¿ÄÖÑÜ§àäöñü"
        for scalar in listed.unicodeScalars {
            #expect(GSM7Alphabet.septets(for: scalar) == 1, "\(scalar) should be in the basic table")
        }
    }

    @Test func containsChecksEveryScalarOfACharacter() {
        #expect(GSM7Alphabet.contains("é"))
        #expect(!GSM7Alphabet.contains("e\u{301}"))
        #expect(GSM7Alphabet.contains("\r\n"))
        #expect(!GSM7Alphabet.contains("👍🏽"))
    }
}
