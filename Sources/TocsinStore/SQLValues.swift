/// The numbered placeholders of a multi-row `VALUES` list, for statements that write or read a batch at once.
enum SQLValues {
    /// `(?F, ?F+1, …), (…)`: `rows` tuples of `columns` placeholders numbered from `first`.
    static func placeholders(rows: Int, columns: Int, first: Int) -> String {
        (0..<rows).map { row in
            "(" + (0..<columns).map { "?\(first + row * columns + $0)" }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }

    /// The most rows one batch statement (or one dispatch write transaction) takes.
    static let maxRows = 100

    /// `items` in consecutive chunks of at most `size`, for statements of at most ``maxRows`` rows.
    static func chunks<C: RandomAccessCollection>(_ items: C, of size: Int = maxRows) -> [C.SubSequence] {
        var chunks: [C.SubSequence] = []
        var start = items.startIndex
        while start != items.endIndex {
            let end = items.index(start, offsetBy: size, limitedBy: items.endIndex) ?? items.endIndex
            chunks.append(items[start..<end])
            start = end
        }
        return chunks
    }

    /// A batch statement for each row count 0...``maxRows``, built once (0 holds the one-row statement):
    /// building one per batch was about 1% of dispatch CPU.
    static func statements(_ make: (Int) -> String) -> [String] {
        (0...maxRows).map { make(max($0, 1)) }
    }

    /// A JSON array of ids, for `json_each(?)`.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
