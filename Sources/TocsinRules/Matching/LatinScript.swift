/// Whether a scalar in normalised text is a Latin letter or a digit: the test the patterns make with
/// `[\p{Latin}\p{N}]` to decide whether two words may touch without a space.
enum LatinScript {
    static func isLatinOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0xAA, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F,
            0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB64, 0xFB00...0xFB06:
            return true
        case 0..<0x80:
            return false
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// The scalar that starts at `index`.
    static func isLatinOrDigit(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var iterator = bytes[index...].makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return Self.isLatinOrDigit(scalar)
    }

    /// The scalar that ends just before `index`.
    static func isLatinOrDigit(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return Self.isLatinOrDigit(bytes, at: start)
    }
}
