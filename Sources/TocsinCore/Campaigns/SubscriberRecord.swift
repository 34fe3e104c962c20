import Foundation

/// One number's subscription to one campaign, as the admin API and the export show it.
public struct SubscriberRecord: Sendable, Hashable {
    /// The subscriber id (the pagination cursor).
    public var id: Int64
    public var phone: PhoneNumber
    public var status: SubscriptionStatus
    /// When the number last became an active subscriber (for an import: when consent was given).
    public var joinedAt: Date?
    public var language: String?
    public var firstName: String?
    /// The source of the latest opt-in to this campaign (`keyword`, `web_form`, `import`, …).
    public var consentSource: String?

    public init(
        id: Int64, phone: PhoneNumber, status: SubscriptionStatus, joinedAt: Date?, language: String?,
        firstName: String?, consentSource: String?
    ) {
        self.id = id
        self.phone = phone
        self.status = status
        self.joinedAt = joinedAt
        self.language = language
        self.firstName = firstName
        self.consentSource = consentSource
    }
}
