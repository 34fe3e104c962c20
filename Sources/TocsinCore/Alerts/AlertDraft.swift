import Foundation

/// An alert as a campaigner submits it, before it is checked and stored.
public struct AlertDraft: Sendable, Hashable {
    public var name: String
    public var channel: Channel
    public var bodies: [String: String]
    public var schedule: AlertSchedule
    public var expirySeconds: Int

    public init(name: String, channel: Channel, bodies: [String: String], schedule: AlertSchedule, expirySeconds: Int) {
        self.name = name
        self.channel = channel
        self.bodies = bodies
        self.schedule = schedule
        self.expirySeconds = expirySeconds
    }

    /// The longest text an alert call reads (about two minutes of speech), rendered with a long sample name.
    public static let maxScriptCharacters = 1500

    /// Placeholders an alert body may use.
    public static let placeholders: Set<String> = ["first_name", "action_link", "campaign", "program", "brand", "unsubscribe_url"]

    /// An alert's stored bodies (JSON, language → text) as templates, by language. Unreadable JSON gives
    /// none, and a body that is not a valid template (which validation prevents) is left out.
    public static func templates(bodies json: String) -> [String: MessageTemplate] {
        let bodies = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
        return bodies.compactMapValues { try? MessageTemplate($0, allowedPlaceholders: Self.placeholders) }
    }

    /// A stand-in for `{unsubscribe_url}` as long as a real link (`https://host/u/` and 44 characters), for
    /// previews and segment counts; the dispatcher puts each recipient's own signed link in its place.
    public static let sampleUnsubscribeURL = "https://tocsin.example.org/u/" + String(repeating: "x", count: 44)

    /// The values a body is rendered with for one recipient (`first_name` may be missing: its default is used).
    public static func values(campaign: Campaign, brand: String, firstName: String?) -> [String: String] {
        var values = ["campaign": campaign.programName, "program": campaign.programName, "brand": brand]
        values["action_link"] = campaign.actionLink ?? ""
        values["unsubscribe_url"] = Self.sampleUnsubscribeURL
        if let firstName, !firstName.isEmpty { values["first_name"] = firstName }
        return values
    }

    /// Checks the draft and returns the segment count of each language's body, rendered with a long
    /// sample name (so the count is an upper bound for typical names).
    ///
    /// - Throws: ``AlertValidationError`` listing every problem, each saying what to fix.
    public func validate(campaign: Campaign, brand: String, maxSegments: Int, now: Date) throws(AlertValidationError) -> [String: SegmentCount] {
        var problems: [String] = []
        if self.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("name must not be empty") }
        if self.bodies.isEmpty { problems.append("bodies needs at least one language, e.g. {\"en\": \"…\"}") }
        if !(60...7 * 86_400).contains(self.expirySeconds) {
            problems.append("expiry must be between 1 minute and 7 days")
        }
        var segments: [String: SegmentCount] = [:]
        for (language, text) in self.bodies.sorted(by: { $0.key < $1.key }) {
            if !campaign.languages.contains(language) {
                problems.append("bodies.\(language): the campaign's languages are \(campaign.languages.joined(separator: ", "))")
            }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append("bodies.\(language) is empty")
                continue
            }
            do {
                let template = try MessageTemplate(text, allowedPlaceholders: Self.placeholders)
                let sample = template.render(Self.values(campaign: campaign, brand: brand, firstName: "Alexandria"))
                let count = SegmentCount.count(sample)
                segments[language] = count
                if self.channel == .voice {
                    if sample.count > Self.maxScriptCharacters {
                        problems.append("bodies.\(language) reads as \(sample.count) characters; an alert call reads at most \(Self.maxScriptCharacters): shorten it")
                    }
                } else if count.segments > maxSegments {
                    problems.append("bodies.\(language) is \(count.segments) segments (\(count.encoding.rawValue)); the maximum is \(maxSegments): shorten it")
                }
            } catch {
                problems.append("bodies.\(language): \(error)")
            }
        }
        problems += self.scheduleProblems(now: now)
        guard problems.isEmpty else { throw AlertValidationError(problems: problems) }
        return segments
    }

    private func scheduleProblems(now: Date) -> [String] {
        switch self.schedule {
        case .once(let at):
            return at < now.addingTimeInterval(-60) ? ["schedule.at is in the past; use a future time or omit it to send now"] : []
        case .recurring:
            do {
                guard let schedule = try self.schedule.recurrence() else { return [] }
                return schedule.nextOccurrence(after: now) == nil ? ["schedule has no occurrence after now (check COUNT and UNTIL)"] : []
            } catch {
                return ["schedule: \(error)"]
            }
        case .relative(let relative):
            return relative.offsetDays < 0 || relative.offsetMinutes < 0 ? ["schedule offsets must not be negative"] : []
        }
    }
}

/// Everything wrong with an alert draft.
public struct AlertValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [String]
    public init(problems: [String]) { self.problems = problems }
    public var description: String { self.problems.joined(separator: "; ") }
}
