import Foundation

/// A web opt-in from a petition platform (the `intake` role).
public struct WebOptInRequest: Sendable, Hashable, Codable {
    public var phone: PhoneNumber
    public var campaignSlug: String
    /// The exact disclosure text the supporter was shown next to the SMS checkbox.
    public var disclosure: String
    public var sourceURL: String
    public var ip: String?
    public var userAgent: String?
    public var language: String
    public var firstName: String?
    /// Who called (the token's name).
    public var actor: String

    public init(
        phone: PhoneNumber, campaignSlug: String, disclosure: String, sourceURL: String, ip: String?,
        userAgent: String?, language: String, firstName: String?, actor: String
    ) {
        self.phone = phone
        self.campaignSlug = campaignSlug
        self.disclosure = disclosure
        self.sourceURL = sourceURL
        self.ip = ip
        self.userAgent = userAgent
        self.language = language
        self.firstName = firstName
        self.actor = actor
    }
}

/// What a web opt-in did.
public struct WebOptInOutcome: Sendable, Hashable {
    public enum Status: String, Sendable, Codable, Hashable {
        /// A pending subscription was created and the "Reply Y" prompt queued.
        case pending
        /// The same request was already pending: nothing new was sent.
        case alreadyPending = "already_pending"
        /// The number is already an active subscriber: nothing was sent.
        case alreadyActive = "already_active"
        /// The number is suppressed: the request was recorded and nothing was sent.
        case suppressed
    }

    public var status: Status
    /// The queued prompt, when one was queued.
    public var prompt: OutboundSMS?

    public init(status: Status, prompt: OutboundSMS?) {
        self.status = status
        self.prompt = prompt
    }
}

/// Campaigns and what the public and the intake API need from them.
public protocol CampaignStore: Sendable {
    /// Creates the campaign, or updates the one with the same slug (used to seed from the config file).
    func upsertCampaign(_ campaign: Campaign, actor: String, now: Date) async throws -> Campaign
    func activeCampaigns() async throws -> [Campaign]
    func campaign(slug: String) async throws -> Campaign?
    /// How many numbers ever joined the campaign (the public action counter).
    func supporterCount(campaignID: Int64) async throws -> Int
    /// Records a web opt-in and queues the double opt-in prompt when one is due (see ``WebOptInOutcome``).
    func requestWebOptIn(
        _ request: WebOptInRequest,
        renderer: any ReplyRendering,
        sender: String,
        now: Date
    ) async throws -> WebOptInOutcome
}
