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
