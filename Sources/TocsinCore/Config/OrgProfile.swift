import Foundation

/// The organisation that runs this Tocsin instance, as its supporters see it in replies.
public struct OrgProfile: Sendable, Hashable, Codable {
    /// The organisation's legal or public name.
    public var name: String
    /// The program or brand name that starts every reply (e.g. "RightsAlert").
    public var brand: String
    /// How supporters reach a person (toll-free number, email or URL).
    public var supportContact: String
    /// The organisation's sender numbers or short codes; the first one is the default sender.
    public var senders: [String]
    /// The region assumed for numbers written without a country code (ISO 3166-1, e.g. "US").
    public var defaultRegion: String
    /// The reply language when a message's language is unknown.
    public var defaultLanguage: String
    /// The jurisdiction whose rules apply by default (e.g. "US").
    public var homeJurisdiction: String
    /// Whether the carrier itself answers STOP (toll-free numbers, Twilio Advanced Opt-Out);
    /// then Tocsin records the opt-out but sends no second confirmation.
    public var carrierAnswersStop: Bool
    /// How long after an opt-out an OOPS undoes it, in seconds.
    public var undoWindowSeconds: Int

    public init(
        name: String,
        brand: String,
        supportContact: String,
        senders: [String],
        defaultRegion: String = "US",
        defaultLanguage: String = "en",
        homeJurisdiction: String = "US",
        carrierAnswersStop: Bool = false,
        undoWindowSeconds: Int = 3600
    ) {
        self.name = name
        self.brand = brand
        self.supportContact = supportContact
        self.senders = senders
        self.defaultRegion = defaultRegion
        self.defaultLanguage = defaultLanguage
        self.homeJurisdiction = homeJurisdiction
        self.carrierAnswersStop = carrierAnswersStop
        self.undoWindowSeconds = undoWindowSeconds
    }

    /// The number replies are sent from when the inbound number is not one of ours.
    public var defaultSender: String { self.senders.first ?? "" }
}
