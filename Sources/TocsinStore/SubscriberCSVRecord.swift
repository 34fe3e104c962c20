/// One record of a CSV file.
public struct SubscriberCSVRecord: Sendable, Hashable {
    /// The line the record starts on (the first line is 1).
    public var line: Int
    public var fields: [String]
    /// Why the record could not be read cleanly, or nil.
    public var problem: String?

    public init(line: Int, fields: [String], problem: String? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
    }
}
