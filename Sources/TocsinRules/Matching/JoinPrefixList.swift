/// The join prefixes of all languages ("JOIN", "加入", …), packed for matching without reference counting.
final class JoinPrefixList: @unchecked Sendable {
    // @unchecked: written only in `init`, freed only in `deinit`.
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let ranges: UnsafeMutableBufferPointer<(offset: Int, length: Int)>
    /// The language of each prefix.
    let languages: [String]

    init(_ prefixes: [(bytes: [UInt8], language: String)]) {
        let all = prefixes.flatMap(\.bytes)
        self.bytes = .allocate(capacity: max(1, all.count))
        _ = self.bytes.initialize(from: all)
        var offset = 0
        var ranges: [(offset: Int, length: Int)] = []
        for prefix in prefixes {
            ranges.append((offset, prefix.bytes.count))
            offset += prefix.bytes.count
        }
        self.ranges = .allocate(capacity: max(1, ranges.count))
        _ = self.ranges.initialize(from: ranges)
        self.languages = prefixes.map(\.language)
    }

    deinit {
        self.bytes.deallocate()
        self.ranges.deallocate()
    }

    /// Number of prefixes.
    var count: Int { self.languages.count }

    /// Whether `text` equals prefix `index`.
    func equals(_ index: Int, _ text: [UInt8]) -> Bool {
        let range = self.ranges[index]
        return text.count == range.length && text.elementsEqual(self.bytes[range.offset..<range.offset + range.length])
    }

    /// If `text` starts with prefix `index` and more follows, the offset where the rest begins (after one
    /// optional space).
    @inline(__always)
    func rest(_ index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        let range = self.ranges[index]
        guard text.count > range.length else { return nil }
        for position in 0..<range.length where text[position] != self.bytes[range.offset + position] { return nil }
        return text[range.length] == 0x20 ? range.length + 1 : range.length
    }
}
