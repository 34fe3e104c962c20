import Foundation

/// Campaign administration and subscriber look-ups for the admin API.
///
/// Every write runs in one transaction with its audit record (the `actor` is the API token's name).
/// Join keywords are unique across active campaigns: a clash throws ``StoreError`` `conflict`; archiving a
/// campaign frees its keywords.
public protocol CampaignAdminStore: Sendable {
    /// Creates an active campaign.
    ///
    /// - Throws: ``StoreError`` `conflict` when the slug exists (archived campaigns keep theirs) or a keyword
    ///   belongs to another active campaign.
    func createCampaign(_ campaign: Campaign, actor: String, now: Date) async throws -> Campaign

    /// Changes a campaign inside one transaction: `change` gets the stored campaign and returns the new one
    /// (its slug, id and status are kept). Errors thrown by `change` abort the update and are rethrown.
    ///
    /// - Throws: ``StoreError`` `notFound` for an unknown slug, `conflict` for a keyword clash.
    func updateCampaign(
        slug: String, actor: String, detail: String?, now: Date,
        change: @escaping @Sendable (Campaign) throws -> Campaign
    ) async throws -> Campaign

    /// Archives a campaign and frees its join keywords; archiving an archived campaign changes nothing.
    ///
    /// - Throws: ``StoreError`` `notFound` for an unknown slug.
    func archiveCampaign(slug: String, actor: String, now: Date) async throws -> Campaign

    /// Campaigns with `status` (nil: all), in creation order.
    func campaigns(status: CampaignStatus?) async throws -> [Campaign]

    /// Up to `limit` subscriptions of a campaign with subscriber id above `after`, in id order.
    func subscribers(campaignID: Int64, status: SubscriptionStatus?, after: Int64, limit: Int) async throws -> SubscriberPage

    /// A number's subscription to a campaign with its consent events; nil when it never had one.
    func subscriber(_ phone: PhoneNumber, campaignID: Int64) async throws -> SubscriberDetail?
}
