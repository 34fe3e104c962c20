import Foundation

/// Writes keyword files into a fresh temporary directory for loader tests.
struct TemporaryKeywords {
    let directory: String

    init(_ files: [String: String]) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-keywords-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, content) in files {
            try content.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        self.directory = url.path
    }

    func path(_ name: String) -> String { self.directory + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: self.directory) }

    /// The reply block every valid file needs (starts at the line after `replies:`).
    static let replies = """
        replies:
          join_confirmation: "{program}: signed up. {frequency}. Reply HELP for help, STOP to cancel."
          double_opt_in_prompt: "{program}: reply Y to confirm. Reply STOP to cancel."
          opt_out_confirmation: "{brand}: unsubscribed. Reply START to resubscribe."
          opt_in_confirmation: "{brand}: resubscribed to {program}. Reply STOP to cancel."
          opt_in_nothing_to_restore: "{brand}: welcome back. Reply STOP to cancel."
          help: "{brand}: help at {support}. Reply STOP to cancel."
        """

    /// A minimal valid file for `language`, with `body` spliced in after the `language:` line (line 2 on).
    static func file(_ language: String, keywords: String = "  opt_out: [STOP]", body: String = "") -> String {
        """
        language: \(language)
        \(body.isEmpty ? "" : body + "\n")keywords:
        \(keywords)
        per_se: [stop-\(language)]
        filler: [please]
        \(Self.replies)

        """
    }
}
