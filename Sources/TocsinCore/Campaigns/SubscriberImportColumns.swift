import Foundation

/// The columns of a subscriber import file, found from its header row.
///
/// Required: `phone`, `consented_at`, `source`, `disclosure`. Optional: `first_name`, `language`,
/// `source_url`, `ip`, `user_agent`. Names are matched ignoring case and surrounding spaces, in any order;
/// other columns are ignored (see ``ignored``).
public struct SubscriberImportColumns: Sendable, Hashable {
    public static let required = ["phone", "consented_at", "source", "disclosure"]
    public static let optional = ["first_name", "language", "source_url", "ip", "user_agent"]

    /// The header as read.
    public let header: [String]
    /// Header names that are not import columns.
    public let ignored: [String]
    let index: [String: Int]

    /// Reads the header row.
    ///
    /// - Throws: ``SubscriberImportError`` when a required column is missing or a column appears twice.
    public init(header: [String]) throws(SubscriberImportError) {
        var index: [String: Int] = [:]
        var ignored: [String] = []
        for (position, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard Self.required.contains(name) || Self.optional.contains(name) else {
                if !name.isEmpty { ignored.append(raw) }
                continue
            }
            guard index[name] == nil else { throw SubscriberImportError("the header names column \(name) twice") }
            index[name] = position
        }
        let missing = Self.required.filter { index[$0] == nil }
        if !missing.isEmpty {
            throw SubscriberImportError(
                "the header row has no \(missing.joined(separator: ", ")) column\(missing.count == 1 ? "" : "s"); required columns are \(Self.required.joined(separator: ", ")), optional ones \(Self.optional.joined(separator: ", "))"
            )
        }
        self.header = header
        self.ignored = ignored
        self.index = index
    }

    /// The value of column `name` in `fields`, trimmed; nil when absent or empty.
    func value(_ name: String, in fields: [String]) -> String? {
        guard let position = self.index[name], position < fields.count else { return nil }
        let value = fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }
}
