import Foundation

/// The slow path for text that is not plain ASCII: Foundation compatibility decomposition (NFKD), then
/// one pass over the scalars.
///
/// NFKD folds full-width and other compatibility forms ("ＳＴＯＰ" → "STOP", "①" → "1") and splits accented
/// letters into base letter + combining mark; dropping the marks strips the accents ("ARRÊT" → "ARRET",
/// and a decomposed "ARRE\u{302}T" gives the same). Because marks are dropped there is no need to
/// recompose, so the result equals NFKC + accent stripping for Latin text.
enum UnicodeNormalizer {
    /// Normalised bytes, plus the look-alike skeleton when the text had look-alike letters.
    struct Output {
        var bytes: [UInt8]
        var squeezed: Bool
        var skeleton: [UInt8]?
    }

    static func normalize(_ text: String, runLimit: Int) -> Output {
        let decomposed = text.decomposedStringWithCompatibilityMapping
        let capacity = decomposed.utf8.count * 3 + 8
        var bytes = [UInt8](repeating: 0, count: capacity)
        var skeleton = [UInt8](repeating: 0, count: capacity)
        var sawConfusable = false
        var mainResult = (count: 0, squeezed: false)
        var skeletonCount = 0
        bytes.withUnsafeMutableBufferPointer { main in
            skeleton.withUnsafeMutableBufferPointer { shadow in
                var writer = TokenWriter(buffer: main.baseAddress!, capacity: capacity)
                var shadowWriter = TokenWriter(buffer: shadow.baseAddress!, capacity: capacity)
                for scalar in decomposed.unicodeScalars {
                    switch self.classify(scalar) {
                    case .drop:
                        continue
                    case .separator:
                        writer.appendSeparator()
                        shadowWriter.appendSeparator()
                    case .keep:
                        writer.appendScalar(scalar)
                        shadowWriter.appendScalar(scalar)
                    case .uncasedLetter:
                        writer.appendScalar(scalar)
                        shadowWriter.appendScalar(scalar)
                    case .letter:
                        if let latin = Confusables.map[scalar.value] {
                            sawConfusable = true
                            shadowWriter.appendASCII(latin)
                            self.appendUppercased(scalar, to: &writer)
                        } else {
                            self.appendUppercased(scalar, to: &writer)
                            self.appendUppercased(scalar, to: &shadowWriter)
                        }
                    }
                }
                mainResult = writer.finish(runLimit: runLimit)
                skeletonCount = shadowWriter.finish(runLimit: runLimit).count
            }
        }
        bytes.removeSubrange(mainResult.count...)
        guard sawConfusable else { return Output(bytes: bytes, squeezed: mainResult.squeezed, skeleton: nil) }
        skeleton.removeSubrange(skeletonCount...)
        return Output(bytes: bytes, squeezed: mainResult.squeezed, skeleton: skeleton)
    }

    private enum Treatment { case drop, separator, keep, letter, uncasedLetter }

    private static func classify(_ scalar: Unicode.Scalar) -> Treatment {
        let value = scalar.value
        if scalar.isASCII {
            let byte = UInt8(value)
            if byte &- 0x61 < 26 || byte &- 0x41 < 26 { return .letter }
            if byte &- 0x30 < 10 { return .keep }
            return byte == 0x27 || byte == 0x60 ? .drop : .separator
        }
        switch value {
        case 0x2018, 0x2019, 0x02BC, 0x02BB, 0xFF07:
            return .drop  // apostrophes, like ASCII '
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0x20000...0x3134F:
            return .uncasedLetter  // kana, CJK ideographs, Hangul: letters without case (no property lookups)
        case 0x115F, 0x1160, 0x3164, 0xFFA0:
            return .drop  // Hangul fillers: letters, but default-ignorable (invisible)
        default:
            break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return .drop  // accents, variation selectors, zero-width and bidi controls
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber, .spacingMark:
            return .keep
        default:
            // Other default-ignorable code points (unassigned U+2065, U+FFF0…) vanish; the rest is a break.
            return properties.isDefaultIgnorableCodePoint ? .drop : .separator
        }
    }

    private static func appendUppercased(_ scalar: Unicode.Scalar, to writer: inout TokenWriter) {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            writer.appendASCII(byte &- 0x61 < 26 ? byte &- 0x20 : byte)
        } else if scalar.properties.changesWhenUppercased {
            for upper in scalar.properties.uppercaseMapping.unicodeScalars { writer.appendScalar(upper) }
        } else {
            writer.appendScalar(scalar)
        }
    }
}
