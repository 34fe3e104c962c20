/// The ASCII fast path: normalises plain-ASCII text byte by byte, with no Foundation call and no allocation.
enum ASCIINormalizer {
    /// Whether every byte is below 0x80 (checked eight bytes at a time).
    @inline(__always)
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index &+ 8 <= count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index &+= 8
        }
        while index < count {
            if base[index] >= 0x80 { return false }
            index &+= 1
        }
        return true
    }

    /// Normalises ASCII `source` into `destination`, which must hold at least `source.count` bytes.
    ///
    /// Letters are uppercased, digits kept, apostrophes and backquotes deleted ("don't" → "DONT"), and
    /// everything else (spaces, punctuation, symbols, control characters) becomes a single space between
    /// words. Then spaced letters are joined and stretched letters squeezed (see ``TokenWriter``).
    @inline(__always)
    static func normalize(
        _ source: UnsafeBufferPointer<UInt8>,
        into destination: UnsafeMutablePointer<UInt8>,
        runLimit: Int
    ) -> (count: Int, squeezed: Bool) {
        var writer = TokenWriter(buffer: destination, capacity: source.count + 1)
        for byte in source {
            if byte &- 0x61 < 26 {
                writer.appendASCII(byte &- 0x20)
            } else if byte &- 0x41 < 26 || byte &- 0x30 < 10 {
                writer.appendASCII(byte)
            } else if byte == 0x27 || byte == 0x60 {
                continue
            } else {
                writer.appendSeparator()
            }
        }
        return writer.finish(runLimit: runLimit)
    }
}
