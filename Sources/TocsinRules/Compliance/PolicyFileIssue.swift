/// One problem in a `Compliance/` policy file: the file, the key path and line, and what to fix.
public struct PolicyFileIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The dotted key path (`quiet_hours[1].weekday`); empty for the whole file.
    public var key: String
    public var line: Int?
    public var message: String

    public init(file: String, key: String, line: Int?, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `Compliance/us-fl.yaml:12: quiet_hours[0].weekday: must be a local time range like 08:00-20:00`.
    public var description: String {
        let place = self.line.map { "\(self.file):\($0)" } ?? self.file
        return self.key.isEmpty ? "\(place): \(self.message)" : "\(place): \(self.key): \(self.message)"
    }
}

/// The policy files could not be loaded: the first problem, and how many there are.
public struct PolicyFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var issues: [PolicyFileIssue]

    public init(issues: [PolicyFileIssue]) { self.issues = issues }

    public var description: String {
        guard let first = self.issues.first else { return "the compliance policies could not be loaded" }
        let more = self.issues.count > 1 ? " (and \(self.issues.count - 1) more problem(s); run `tocsin compliance check`)" : ""
        return "invalid compliance policy: \(first)\(more)"
    }
}
