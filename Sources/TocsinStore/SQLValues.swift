/// The numbered placeholders of a multi-row `VALUES` list, for statements that write or read a batch at once.
enum SQLValues {
    /// `(?F, ?F+1, …), (…)`: `rows` tuples of `columns` placeholders numbered from `first`.
    static func placeholders(rows: Int, columns: Int, first: Int) -> String {
        (0..<rows).map { row in
            "(" + (0..<columns).map { "?\(first + row * columns + $0)" }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")
    }

    /// A JSON array of ids, for `json_each(?)`.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}
