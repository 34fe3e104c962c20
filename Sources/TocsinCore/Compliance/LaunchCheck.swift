import Foundation

/// The launch check of an alert: its templates against the required content of every jurisdiction among
/// its recipients, with per-jurisdiction figures (recipients, segments, encoding, messages).
///
/// ```swift
/// let report = LaunchCheck(bodies: alert.bodies, channel: .sms, campaign: campaign, brand: "RightsAlert",
///                          isFirstMessage: true, oneWaySender: false).run(recipients: groups, policies: policies)
/// if !report.passed { … report.failures … }
/// ```
public struct LaunchCheck: Sendable, Hashable {
    /// Active recipients of one jurisdiction and language (nil: the subscriber gave none).
    public struct RecipientGroup: Sendable, Hashable {
        public var jurisdiction: String
        public var language: String?
        public var count: Int
        public init(jurisdiction: String, language: String?, count: Int) {
            self.jurisdiction = jurisdiction
            self.language = language
            self.count = count
        }
    }

    /// One failed rule.
    public struct Failure: Sendable, Hashable {
        public var jurisdiction: String
        public var rule: RuleCitation
        public var requirement: String
        /// What exactly is wrong ("bodies.en has no Chinese phrase such as 取消接收").
        public var reason: String
    }

    /// What one jurisdiction's recipients will get.
    public struct Figures: Sendable, Hashable {
        public var jurisdiction: String
        public var recipients: Int
        /// Messages per occurrence (one per recipient).
        public var messages: Int
        /// Billed segments per occurrence, summed over recipients.
        public var segments: Int
        /// UCS-2 when any body these recipients get is UCS-2.
        public var encoding: SMSEncoding
        /// Per body language received: recipients and the body's count.
        public var bodies: [String: (recipients: Int, count: SegmentCount)]

        public static func == (a: Figures, b: Figures) -> Bool {
            a.jurisdiction == b.jurisdiction && a.recipients == b.recipients && a.segments == b.segments && a.encoding == b.encoding
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(self.jurisdiction) }
    }

    public struct Report: Sendable, Hashable {
        public var failures: [Failure]
        public var figures: [Figures]
        public var passed: Bool { self.failures.isEmpty }
    }

    public var bodies: [String: String]
    public var channel: Channel
    public var campaign: Campaign
    public var brand: String
    /// Whether this is the campaign's first alert.
    public var isFirstMessage: Bool
    /// Whether the sender cannot receive replies (alphanumeric or HK "#" sender ID).
    public var oneWaySender: Bool

    public init(bodies: [String: String], channel: Channel, campaign: Campaign, brand: String, isFirstMessage: Bool, oneWaySender: Bool) {
        self.bodies = bodies
        self.channel = channel
        self.campaign = campaign
        self.brand = brand
        self.isFirstMessage = isFirstMessage
        self.oneWaySender = oneWaySender
    }

    /// Whether a sender ID can receive replies: an E.164 number can; an alphanumeric or `#` ID cannot.
    public static func isOneWay(sender: String) -> Bool {
        guard !sender.isEmpty else { return false }
        return PhoneNumber(e164: sender) == nil && !(sender.count <= 8 && sender.allSatisfy(\.isNumber))
    }

    /// Checks every jurisdiction among `recipients`, in key order.
    public func run(recipients: [RecipientGroup], policies: PolicySet) -> Report {
        let rendered = self.renderedBodies()
        var byJurisdiction: [String: [String: Int]] = [:]
        for group in recipients where group.count > 0 {
            let language = self.bodyLanguage(for: group.language, available: rendered)
            byJurisdiction[group.jurisdiction, default: [:]][language ?? "", default: 0] += group.count
        }
        var failures: [Failure] = []
        var figures: [Figures] = []
        for (key, languages) in byJurisdiction.sorted(by: { $0.key < $1.key }) {
            let policy = policies.policy(for: key)
            let received = languages.keys.filter { !$0.isEmpty }.sorted()
            for rule in policy.content where self.applies(rule) {
                failures += self.check(rule, jurisdiction: key, received: received, rendered: rendered)
            }
            var bodies: [String: (recipients: Int, count: SegmentCount)] = [:]
            var segments = 0
            var encoding = SMSEncoding.gsm7
            for (language, count) in languages {
                let segmentCount = SegmentCount.count(rendered[language] ?? "")
                bodies[language] = (count, segmentCount)
                segments += count * segmentCount.segments
                if segmentCount.encoding == .ucs2 { encoding = .ucs2 }
            }
            let total = languages.values.reduce(0, +)
            figures.append(Figures(jurisdiction: key, recipients: total, messages: total, segments: segments, encoding: encoding, bodies: bodies))
        }
        return Report(failures: failures, figures: figures)
    }

    /// Bodies rendered with the campaign's values and a long sample first name.
    func renderedBodies() -> [String: String] {
        let values = AlertDraft.values(campaign: self.campaign, brand: self.brand, firstName: "Alexandria")
        return self.bodies.mapValues { text in
            (try? MessageTemplate(text, allowedPlaceholders: AlertDraft.placeholders))?.render(values) ?? text
        }
    }

    /// The body a recipient of `language` gets: theirs, else the campaign's first language, else any (as the dispatcher).
    func bodyLanguage(for language: String?, available: [String: String]) -> String? {
        if let language, available[language] != nil { return language }
        if let first = self.campaign.languages.first, available[first] != nil { return first }
        return available.keys.sorted().first
    }

    func applies(_ rule: ContentRule) -> Bool {
        guard rule.scope.covers(purpose: self.campaign.purpose, channel: self.channel) else { return false }
        switch rule.when {
        case .everyMessage: return true
        case .firstMessage: return self.isFirstMessage
        case .oneWaySender: return self.oneWaySender
        }
    }
}
