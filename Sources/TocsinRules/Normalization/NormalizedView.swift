/// Normalised bytes lent to a closure, for the classifier's allocation-free path.
struct NormalizedView {
    /// The normalised text as UTF-8.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether runs of three or more identical letters were squeezed.
    let squeezed: Bool
    /// The look-alike skeleton, when the text had look-alike letters.
    let skeleton: UnsafeBufferPointer<UInt8>?
}
