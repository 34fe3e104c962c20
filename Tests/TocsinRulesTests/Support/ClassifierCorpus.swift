import Foundation
import Testing
import TocsinCore

/// The labelled corpus in `Fixtures/classifier-corpus.tsv`.
///
/// Format: `text <TAB> intent <TAB> tier <TAB> language`, `#` starts a comment line, `-` is "no language".
/// In the text, `\u{XXXX}` is any scalar (hex), `\t` a tab and `\\` a backslash.
enum ClassifierCorpus {
    /// One labelled message.
    struct Row: Sendable, CustomTestStringConvertible {
        let line: Int
        let raw: String
        let text: String
        let intent: Intent
        let tier: MatchTier
        let language: String?

        var testDescription: String { "line \(self.line): \(self.raw)" }
    }

    /// Every row of the corpus file; a malformed line stops the test run with its line number.
    static let rows: [Row] = {
        let path = TestPaths.fixture("classifier-corpus.tsv")
        guard let content = try? String(contentsOfFile: path, encoding: .utf8) else {
            fatalError("cannot read \(path)")
        }
        var rows: [Row] = []
        for (index, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 4, let intent = Intent(rawValue: String(columns[1])),
                let tier = MatchTier(rawValue: String(columns[2]))
            else {
                fatalError("classifier-corpus.tsv:\(index + 1): expected text, intent, tier, language: \(line)")
            }
            let language = columns[3] == "-" ? nil : String(columns[3])
            rows.append(Row(
                line: index + 1, raw: String(columns[0]), text: Self.decode(String(columns[0])), intent: intent, tier: tier,
                language: language))
        }
        return rows
    }()

    /// Decodes `\u{XXXX}`, `\t` and `\\`.
    static func decode(_ escaped: String) -> String {
        var out = ""
        var rest = Substring(escaped)
        while let slash = rest.firstIndex(of: "\\") {
            out += rest[..<slash]
            let after = rest[rest.index(after: slash)...]
            if after.hasPrefix("t") {
                out += "\t"
                rest = after.dropFirst()
            } else if after.hasPrefix("\\") {
                out += "\\"
                rest = after.dropFirst()
            } else if after.hasPrefix("u{"), let close = after.firstIndex(of: "}"),
                let value = UInt32(after[after.index(after.startIndex, offsetBy: 2)..<close], radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                out.unicodeScalars.append(scalar)
                rest = after[after.index(after: close)...]
            } else {
                out += "\\"
                rest = after
            }
        }
        return out + rest
    }
}
