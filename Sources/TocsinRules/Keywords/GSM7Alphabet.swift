/// The GSM 03.38 default alphabet, to check that reply texts do not force UCS-2 (3GPP TS 23.038).
enum GSM7Alphabet {
    /// The 128 characters of the basic table (ESC excluded).
    static let basic: Set<Character> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
    /// The extension table: each costs two septets (ESC + character).
    static let extended: Set<Character> = Set("\u{0C}^{}\\[~]|€")

    /// Septets needed for `text`, or nil with the first character that is not in GSM-7.
    static func septets(_ text: String) -> (count: Int, offending: Character?) {
        var count = 0
        for character in text {
            if self.basic.contains(character) {
                count += 1
            } else if self.extended.contains(character) {
                count += 2
            } else {
                return (count, character)
            }
        }
        return (count, nil)
    }
}
