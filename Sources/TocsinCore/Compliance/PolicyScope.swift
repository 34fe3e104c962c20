/// Which messages a policy rule applies to: campaign purposes and channels.
public struct PolicyScope: Sendable, Hashable {
    public var purposes: Set<CampaignPurpose>
    public var channels: Set<Channel>

    public init(purposes: Set<CampaignPurpose> = Set(CampaignPurpose.allCases), channels: Set<Channel> = Set(Channel.allCases)) {
        self.purposes = purposes
        self.channels = channels
    }

    /// Whether a message of `purpose` on `channel` is covered (a message without a purpose counts as advocacy).
    public func covers(purpose: CampaignPurpose?, channel: Channel) -> Bool {
        self.purposes.contains(purpose ?? .advocacy) && self.channels.contains(channel)
    }
}

/// Where a rule comes from: the cited source and whether it is law or a recommendation.
public struct RuleCitation: Sendable, Hashable {
    /// The rule's identifier, unique within its file (`us-fl-ftsa-hours`).
    public var id: String
    /// The legal or industry source (`Fla. Stat. 501.059(8)(a)`).
    public var source: String
    /// `law`, `carrier` (industry rule) or `recommended` (the strict default of compliance-facts §7).
    public var basis: String

    public init(id: String, source: String, basis: String = "law") {
        self.id = id
        self.source = source
        self.basis = basis
    }
}
