import Foundation

/// Paths of the repository's data, found from this file's location.
enum TestPaths {
    /// `Tests/TocsinRulesTests`.
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    /// The repository's `Keywords/` directory.
    static let keywords = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Keywords").path
    /// The repository's `Compliance/` directory.
    static let compliance = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Compliance").path
    /// `Tests/TocsinRulesTests/Fixtures/<name>`.
    static func fixture(_ name: String) -> String {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name).path
    }
}
