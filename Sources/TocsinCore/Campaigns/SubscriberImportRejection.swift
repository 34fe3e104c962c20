/// A CSV row that was not imported, with its line number, the reason and the row as read.
public struct SubscriberImportRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line of the file the row starts on (the header is line 1).
    public var line: Int
    /// What is wrong, e.g. "phone: too short", "suppressed".
    public var reason: String
    /// The row's fields as read.
    public var fields: [String]

    public init(line: Int, reason: String, fields: [String]) {
        self.line = line
        self.reason = reason
        self.fields = fields
    }

    /// "line 7: suppressed" (never the row itself, which holds a phone number).
    public var description: String { "line \(self.line): \(self.reason)" }
}
