import Foundation
import TocsinCore

/// Shared test data.
public enum Fixtures {
    /// The repository root, found from this file's path.
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The repository's `Keywords/` directory.
    public static var keywordsDirectory: String { repositoryRoot + "/Keywords" }

    /// The repository's `Compliance/` directory (jurisdiction policies).
    public static var complianceDirectory: String { repositoryRoot + "/Compliance" }

    /// The demo organisation.
    public static let profile = OrgProfile(
        name: "Demo Rights Network", brand: "RightsAlert", supportContact: "help@rights.example.org",
        senders: ["+14155550100"]
    )

    /// The demo campaign (join keyword RIGHTS).
    public static let rights = Campaign(
        slug: "rights", programName: "Rights Alerts", description: "Urgent actions", category: "Individuals at risk",
        frequency: "Up to 4 msgs/month", languages: ["en", "fr", "es", "zh"], actionLink: "https://rights.example.org/act",
        keywords: ["RIGHTS"]
    )

    /// A second campaign (join keyword FREEHK).
    public static let freeHK = Campaign(
        slug: "freehk", programName: "Free HK Alerts", category: "Hong Kong", frequency: "Up to 2 msgs/week",
        languages: ["en", "zh"], jurisdiction: "HK", keywords: ["FREEHK"]
    )

    /// A distinct valid US number per index (+1 212 555 xxxx style, never a real subscriber).
    public static func phone(_ index: Int) -> PhoneNumber {
        let line = String(format: "%04d", index % 10_000)
        let exchange = 200 + (index / 10_000) % 700
        return PhoneNumber(e164: "+1212\(exchange)\(line)")!
    }
}
