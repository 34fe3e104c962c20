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

/// Loading keyword files failed; `issue` is the first problem found (run ``KeywordSet/check(directory:)``
/// to list all of them).
public struct KeywordFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The first problem.
    public var issue: KeywordFileIssue
    /// How many problems there were in all.
    public var issueCount: Int

    /// Creates an error.
    public init(issue: KeywordFileIssue, issueCount: Int = 1) {
        self.issue = issue
        self.issueCount = issueCount
    }

    public var description: String {
        let more = self.issueCount > 1 ? " (and \(self.issueCount - 1) more; run `tocsin keywords check`)" : ""
        return "\(self.issue)\(more)"
    }
}
