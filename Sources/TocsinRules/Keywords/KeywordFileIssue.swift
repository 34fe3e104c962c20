/// A problem in a keyword file, with where it is.
public struct KeywordFileIssue: Sendable, Hashable, CustomStringConvertible {
    /// Path of the file, as built from the directory given to the loader (`Keywords/en.yaml`).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates an issue.
    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `Keywords/en.yaml:12: message`, or `Keywords/en.yaml: message` without a line.
    public var description: String {
        if let line = self.line { return "\(self.file):\(line): \(self.message)" }
        return "\(self.file): \(self.message)"
    }
}
