/// Who may do what with campaigns and their subscribers: the one place these role rules live.
///
/// `admin` may always do everything; the other roles are listed per action. Issue 6 (personal data) is
/// expected to narrow ``readSubscribers`` to compliance only, leaving campaigners the counts.
public enum CampaignAccess: String, Sendable, Hashable, CaseIterable {
    /// List campaigns and read one.
    case readCampaigns = "read_campaigns"
    /// Create, update and archive campaigns.
    case writeCampaigns = "write_campaigns"
    /// List a campaign's subscribers and look one up by number (personal data).
    case readSubscribers = "read_subscribers"

    /// The roles allowed besides `admin`.
    public var roles: Set<Role> {
        switch self {
        case .readCampaigns: [.campaigner, .compliance]
        case .writeCampaigns: [.campaigner]
        case .readSubscribers: [.campaigner, .compliance]
        }
    }

    /// Whether a token of `role` may do this.
    public func allows(_ role: Role) -> Bool {
        role == .admin || self.roles.contains(role)
    }
}
