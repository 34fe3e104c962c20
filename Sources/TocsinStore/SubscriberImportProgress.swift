/// How far an import has got, reported after each batch.
public struct SubscriberImportProgress: Sendable, Hashable {
    /// Bytes of the file read so far.
    public var bytesRead = 0
    /// The file's size, when known.
    public var totalBytes: Int?
    /// Data rows read so far (blank lines not counted).
    public var rows = 0
    public var imported = 0
    public var skipped = 0
    public var rejected = 0

    public init(totalBytes: Int?) {
        self.totalBytes = totalBytes
    }

    /// The fraction of the file read, 0...1 (0 when the size is unknown).
    public var fraction: Double {
        guard let total = self.totalBytes, total > 0 else { return 0 }
        return min(1, Double(self.bytesRead) / Double(total))
    }

    /// A one-line progress bar for a terminal: `[##########----------]  50%  5000 rows`.
    public func bar(width: Int = 30) -> String {
        let filled = Int((self.fraction * Double(width)).rounded(.down))
        let percent = Int((self.fraction * 100).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: max(0, width - filled))
        let padded = String(repeating: " ", count: max(0, 3 - String(percent).count)) + String(percent)
        return "[\(bar)] \(padded)%  \(self.rows) rows"
    }
}
