/// An immutable list in storage allocated once, read without reference counting on the hot path.
final class FrozenList<Element: Sendable>: @unchecked Sendable {
    // @unchecked: written only in `init`, freed only in `deinit`.
    private let storage: UnsafeMutableBufferPointer<Element>

    init(_ elements: [Element]) {
        self.storage = .allocate(capacity: max(1, elements.count))
        _ = self.storage.initialize(from: elements)
        self.count = elements.count
    }

    deinit {
        self.storage.baseAddress!.deinitialize(count: self.count)
        self.storage.deallocate()
    }

    /// Number of elements.
    let count: Int

    @inline(__always)
    subscript(index: Int) -> Element { self.storage[index] }
}
