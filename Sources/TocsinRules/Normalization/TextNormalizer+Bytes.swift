extension TextNormalizer {
    /// Normalises the UTF-8 `source` and lends the bytes to `body`. Plain ASCII is normalised into a
    /// stack buffer with no Foundation call; other text goes through ``UnicodeNormalizer``.
    @inline(__always)
    static func withNormalizedBytes<Result>(
        _ source: UnsafeBufferPointer<UInt8>,
        runLimit: Int = 1,
        _ body: (NormalizedView) -> Result
    ) -> Result {
        if ASCIINormalizer.isASCII(source) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: source.count + 1) { buffer in
                let result = ASCIINormalizer.normalize(source, into: buffer.baseAddress!, runLimit: runLimit)
                let bytes = UnsafeBufferPointer(rebasing: buffer[0..<result.count])
                return body(NormalizedView(bytes: bytes, squeezed: result.squeezed, skeleton: nil))
            }
        }
        let output = UnicodeNormalizer.normalize(String(decoding: source, as: UTF8.self), runLimit: runLimit)
        return output.bytes.withUnsafeBufferPointer { bytes in
            guard let skeleton = output.skeleton else {
                return body(NormalizedView(bytes: bytes, squeezed: output.squeezed, skeleton: nil))
            }
            return skeleton.withUnsafeBufferPointer { shadow in
                body(NormalizedView(bytes: bytes, squeezed: output.squeezed, skeleton: shadow))
            }
        }
    }
}
