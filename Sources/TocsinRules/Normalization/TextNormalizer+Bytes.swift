/// Normalised bytes lent to a closure, for the classifier's allocation-free path.
struct NormalizedView {
    /// The normalised text as UTF-8.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether runs of three or more identical letters were squeezed.
    let squeezed: Bool
    /// The look-alike skeleton, when the text had look-alike letters.
    let skeleton: UnsafeBufferPointer<UInt8>?
}

extension TextNormalizer {
    /// Normalises `text` and lends the bytes to `body`. Plain ASCII is normalised into a stack buffer.
    @inline(__always)
    static func withNormalizedBytes<Result>(
        _ text: String,
        runLimit: Int = 1,
        _ body: (NormalizedView) -> Result
    ) -> Result {
        // Native strings are contiguous UTF-8: no copy. Others (bridged) are copied once.
        if let result = text.utf8.withContiguousStorageIfAvailable({
            Self.withNormalizedBytes(source: $0, text, runLimit, body)
        }) {
            return result
        }
        var copy = text
        return copy.withUTF8 { Self.withNormalizedBytes(source: $0, text, runLimit, body) }
    }

    @inline(__always)
    private static func withNormalizedBytes<Result>(
        source: UnsafeBufferPointer<UInt8>,
        _ text: String,
        _ runLimit: Int,
        _ body: (NormalizedView) -> Result
    ) -> Result {
        if ASCIINormalizer.isASCII(source) {
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: source.count + 1) { buffer in
                let result = ASCIINormalizer.normalize(source, into: buffer.baseAddress!, runLimit: runLimit)
                let bytes = UnsafeBufferPointer(rebasing: buffer[0..<result.count])
                return body(NormalizedView(bytes: bytes, squeezed: result.squeezed, skeleton: nil))
            }
        }
        let output = UnicodeNormalizer.normalize(text, runLimit: runLimit)
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
