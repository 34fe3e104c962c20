/// The digits of a phone number as a person typed or pasted it, before any numbering plan applies.
///
/// Scanning accepts digits in any script (ASCII, full-width `０-９`, Arabic-Indic, ...), a single leading `+`
/// (or full-width `＋`), and the separators people use: spaces of every kind including NBSP, dashes, dots,
/// slashes, parentheses and brackets, and the invisible marks that contact apps wrap numbers in. It rejects
/// letters, extensions, a second `+`, and anything else.
struct PhoneInput: Sendable, Hashable {
    /// Whether the number started with `+`.
    var hasPlus = false
    /// The ASCII digits, in order.
    var digits = ""
    /// Offset in ``digits`` of a `0` written as `(0)`, as in "+44 (0)20 7946 0000".
    var parenthesizedZeroOffset: Int?

    /// Scans `input`.
    ///
    /// - Throws: ``PhoneNumberError`` with code `empty`, `letters`, `extension`, `multiplePlusSigns`,
    ///   `misplacedPlusSign` or `invalidCharacter`.
    init(scanning input: String) throws(PhoneNumberError) {
        let scalars = Array(input.unicodeScalars)
        var index = 0
        var sawAnything = false
        while index < scalars.count {
            let scalar = scalars[index]
            if let digit = Self.digitValue(scalar) {
                // Bound the work on pasted junk; no phone number comes close.
                guard self.digits.utf8.count < Self.maximumDigits else { throw .tooManyDigits(Self.maximumDigits) }
                self.digits.unicodeScalars.append(Unicode.Scalar(48 + digit))
                sawAnything = true
            } else if Self.plusSigns.contains(scalar) {
                if self.hasPlus { throw .multiplePlusSigns }
                if !self.digits.isEmpty { throw .misplacedPlusSign }
                self.hasPlus = true
                sawAnything = true
            } else if Self.openingParentheses.contains(scalar), !self.digits.isEmpty,
                self.parenthesizedZeroOffset == nil, let end = Self.endOfParenthesizedZero(scalars, from: index)
            {
                self.parenthesizedZeroOffset = self.digits.utf8.count
                self.digits.append("0")
                index = end
                continue
            } else if Self.isSeparator(scalar) {
                sawAnything = sawAnything || !Self.isBlank(scalar)
            } else if Self.extensionMarks.contains(scalar) {
                throw self.digits.isEmpty ? .invalidCharacter(scalar) : .extension
            } else if scalar.properties.isAlphabetic {
                throw Self.isExtensionWord(scalars, from: index) && !self.digits.isEmpty ? .extension : .letters
            } else {
                throw .invalidCharacter(scalar)
            }
            index += 1
        }
        if self.digits.isEmpty { throw sawAnything ? .noDigits : .empty }
    }

    /// More digits than this is certainly not a phone number (E.164 allows 15, plus a 3-digit prefix).
    static let maximumDigits = 40

    // MARK: - Character classes

    static let plusSigns: Set<Unicode.Scalar> = ["+", "\u{FF0B}", "\u{FE62}"]
    static let openingParentheses: Set<Unicode.Scalar> = ["(", "\u{FF08}"]
    static let closingParentheses: Set<Unicode.Scalar> = [")", "\u{FF09}"]
    static let extensionMarks: Set<Unicode.Scalar> = ["#", ",", ";", "\u{FF03}", "\u{FF0C}", "\u{FF1B}"]
    static let extensionWords: Set<String> = ["x", "ext", "extn", "extension", "xtn"]

    /// Visible separators: hyphens and dashes, dots, slashes, parentheses and brackets (ASCII and full-width).
    static let visibleSeparators: Set<Unicode.Scalar> = [
        "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE58}",
        "\u{FE63}", "\u{FF0D}", ".", "\u{FF0E}", "\u{00B7}", "/", "\u{FF0F}", "(", ")", "\u{FF08}", "\u{FF09}",
        "[", "]", "\u{FF3B}", "\u{FF3D}",
    ]

    /// The value 0–9 of a decimal digit in any script.
    static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
            value >= 0, value <= 9
        else { return nil }
        return UInt8(value)
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        Self.visibleSeparators.contains(scalar) || Self.isBlank(scalar)
    }

    /// White space (NBSP included) and invisible formatting marks: zero-width spaces and joiners, the word
    /// joiner, the byte-order mark, the soft hyphen, and the bidirectional marks contact apps add.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isWhitespace { return true }
        switch scalar.value {
        case 0x00AD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// If `scalars[start]` opens "(0)" (blanks allowed inside), the index just after the closing parenthesis.
    static func endOfParenthesizedZero(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start + 1
        while index < scalars.count, Self.isBlank(scalars[index]) { index += 1 }
        guard index < scalars.count, Self.digitValue(scalars[index]) == 0 else { return nil }
        index += 1
        while index < scalars.count, Self.isBlank(scalars[index]) { index += 1 }
        guard index < scalars.count, Self.closingParentheses.contains(scalars[index]) else { return nil }
        return index + 1
    }

    /// Whether the letters starting at `start` spell an extension marker ("x", "ext", "ext.", "extension").
    static func isExtensionWord(_ scalars: [Unicode.Scalar], from start: Int) -> Bool {
        var word = ""
        var index = start
        while index < scalars.count, scalars[index].properties.isAlphabetic, word.unicodeScalars.count < 12 {
            word.unicodeScalars.append(scalars[index])
            index += 1
        }
        return Self.extensionWords.contains(word.lowercased())
    }
}
