import ArgumentParser
import Foundation
import TocsinCore
import TocsinServer
import TocsinStore

struct Dispatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pause or resume sending (globally or for one campaign), list messages in doubt.",
        subcommands: [Pause.self, Resume.self, InDoubt.self]
    )

    /// Pauses or resumes; the running server obeys it at its next claim.
    static func set(_ paused: Bool, options: ConfigOptions, campaign slug: String?) async throws {
        try await withStore(options) { _, store in
            var campaignID: Int64?
            if let slug {
                guard let campaign = try await store.campaign(slug: slug) else { fail("no campaign with slug '\(slug)'") }
                campaignID = campaign.id
            }
            try await store.setDispatchPaused(paused, campaignID: campaignID, actor: "cli", now: Date())
        }
        print("sending \(paused ? "paused" : "resumed")\(slug.map { " for campaign \($0)" } ?? " globally")")
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop claiming bulk messages (replies still go).")
        @OptionGroup var options: ConfigOptions
        @Option(name: .long, help: "Pause only this campaign (its slug).")
        var campaign: String?
        func run() async throws { try await Dispatch.set(true, options: self.options, campaign: self.campaign) }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume claiming bulk messages.")
        @OptionGroup var options: ConfigOptions
        @Option(name: .long, help: "Resume only this campaign (its slug).")
        var campaign: String?
        func run() async throws { try await Dispatch.set(false, options: self.options, campaign: self.campaign) }
    }

    struct InDoubt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "in-doubt", abstract: "List messages whose carrier call was in flight at a crash (numbers masked)."
        )
        @OptionGroup var options: ConfigOptions
        func run() async throws {
            let messages = try await withStore(self.options) { _, store in try await store.inDoubtMessages(limit: 10_000) }
            for message in messages {
                print("\(message.id)\t\(message.to)\t\(message.kind)\t\(message.campaign ?? "-")\tattempts \(message.attempts)")
            }
            FileHandle.standardError.write(Data("\(messages.count) message(s) in doubt\n".utf8))
        }
    }
}
