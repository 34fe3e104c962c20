import Foundation

/// One checked row of a subscriber import: a number and the evidence of its consent.
public struct SubscriberImportRow: Sendable, Hashable {
    /// The line of the file the row starts on (the header is line 1).
    public var line: Int
    public var phone: PhoneNumber
    public var firstName: String?
    public var language: String?
    /// When the supporter gave consent.
    public var consentedAt: Date
    /// Where the consent was collected ("paper form 2024").
    public var source: String
    /// The consent text the supporter was shown.
    public var disclosure: String
    public var sourceURL: String?
    public var ip: String?
    public var userAgent: String?

    public init(
        line: Int, phone: PhoneNumber, firstName: String? = nil, language: String? = nil, consentedAt: Date,
        source: String, disclosure: String, sourceURL: String? = nil, ip: String? = nil, userAgent: String? = nil
    ) {
        self.line = line
        self.phone = phone
        self.firstName = firstName
        self.language = language
        self.consentedAt = consentedAt
        self.source = source
        self.disclosure = disclosure
        self.sourceURL = sourceURL
        self.ip = ip
        self.userAgent = userAgent
    }
}
