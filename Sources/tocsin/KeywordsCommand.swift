import ArgumentParser
import Foundation
import TocsinCore
import TocsinRules

struct Keywords: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywords", abstract: "Check the keyword files and classify texts.",
        subcommands: [Check.self, Classify.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate the keyword files; prints each problem with file and line.")

        @Argument(help: "Keyword directory (default: Keywords).")
        var directory: String = "Keywords"

        func run() throws {
            let issues = KeywordSet.check(directory: self.directory)
            if issues.isEmpty {
                print("\(self.directory): ok")
                return
            }
            for issue in issues { FileHandle.standardError.write(Data("\(issue)\n".utf8)) }
            throw ExitCode(1)
        }
    }

    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify texts as the inbound path would (one JSON object per text)."
        )

        @Flag(name: .long, help: "Print JSON (the only format).")
        var json = false

        @Option(name: .long, help: "Keyword directory.")
        var keywords: String = "Keywords"

        @Option(name: .long, parsing: .upToNextOption, help: "Campaign join keywords as KEYWORD=slug (e.g. RIGHTS=rights).")
        var campaign: [String] = []

        @Argument(help: "Texts to classify.")
        var texts: [String]

        func run() throws {
            let set: KeywordSet
            do { set = try KeywordSet.load(directory: self.keywords) } catch { fail("\(error)") }
            let classifier = KeywordClassifier(set)
            var campaigns: [String: String] = ["RIGHTS": "rights"]
            for entry in self.campaign {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { fail("--campaign takes KEYWORD=slug, not '\(entry)'") }
                campaigns[parts[0].uppercased()] = parts[1]
            }
            let index = CampaignKeywordIndex(campaigns)
            for text in self.texts {
                print(ClassifyOutput(text: text, classification: classifier.classify(text, campaignKeywords: index), campaigns: campaigns).json)
            }
        }
    }
}

/// One line of `tocsin keywords classify --json`.
struct ClassifyOutput {
    var text: String
    var classification: Classification
    var campaigns: [String: String]

    var json: String {
        let quoted = JSONText.quoted
        let campaign = self.classification.campaignKeyword.flatMap { self.campaigns[$0.uppercased()] }
        return "{\"text\":\(quoted(self.text)),\"intent\":\(quoted(self.classification.intent.rawValue)),"
            + "\"tier\":\(quoted(self.classification.tier.rawValue)),\"rule\":\(quoted(self.classification.rule)),"
            + "\"language\":\(quoted(self.classification.language)),\"campaign\":\(quoted(campaign))}"
    }
}
