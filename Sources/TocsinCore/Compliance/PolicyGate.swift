import Foundation

/// What a jurisdiction policy says about one message at one instant.
public enum PolicyDecision: Sendable, Hashable {
    case allow
    /// Not before `until` (the next instant every window and cap allows, in the recipient's local time).
    case deferred(until: Date, reason: String)
    /// Never, for this reason (e.g. the consent on record does not meet the policy's standard).
    case deny(reason: String)
}

/// The send-time policy gate: a pure function of the number's policy, the message and the send history.
///
/// Replies (HELP, confirmations) are always allowed here: they answer the supporter, and the dispatcher's own
/// rules for them (suppression, the 5-minute confirmation window) still apply in ``SendGate``.
///
/// ```swift
/// let decision = PolicyGate.evaluate(policy: policies.policy(for: jurisdiction), purpose: .commercial,
///                                    channel: .sms, kind: .alert, now: now, recentSends: sends, zones: zones)
/// ```
public enum PolicyGate {
    /// Decides for one message.
    ///
    /// - Parameters:
    ///   - zones: the recipient's candidate zones; with several, an instant must be allowed in all of them.
    ///   - consentSource: the source of the consent on record (``ConsentSource`` raw value), nil when unknown.
    ///   - extraWindows: windows that also apply (the org's configured quiet hours).
    public static func evaluate(
        policy: JurisdictionPolicy, purpose: CampaignPurpose?, channel: Channel, kind: MessageKind, now: Date,
        recentSends: [Date], zones: [TimeZone], consentSource: String? = nil, extraWindows: [DailyWindow] = []
    ) -> PolicyDecision {
        if kind.isReply { return .allow }
        if let denial = self.consentDenial(policy: policy, purpose: purpose, channel: channel, consentSource: consentSource) {
            return .deny(reason: denial)
        }
        var earliest = now
        var reasons: [String] = []
        if let (free, rules) = self.capFreesAt(policy: policy, purpose: purpose, channel: channel, recentSends: recentSends, now: now) {
            earliest = free
            reasons.append("frequency cap (\(rules.map(self.cite).joined(separator: "; ")))")
        }
        let windows = extraWindows + policy.windows(purpose: purpose, channel: channel)
        guard let (allowed, movedBy) = self.nextAllowed(at: earliest, zones: zones, windows: windows) else {
            return .deny(reason: "no time in the next \(DailyWindow.horizonDays) days is inside the allowed hours in the recipient's time zone")
        }
        if allowed > earliest {
            reasons.append(self.quietReason(movedBy, policy: policy))
            earliest = allowed
        }
        return reasons.isEmpty ? .allow : .deferred(until: earliest, reason: reasons.joined(separator: " and "))
    }

    /// Why the consent on record does not meet a consent rule of the policy, or nil when it does.
    public static func consentDenial(policy: JurisdictionPolicy, purpose: CampaignPurpose?, channel: Channel, consentSource: String?) -> String? {
        for rule in policy.consent where rule.scope.covers(purpose: purpose, channel: channel) && !rule.acceptedSources.isEmpty {
            guard let consentSource, rule.acceptedSources.contains(consentSource) else {
                let had = consentSource.map { "consent from \($0)" } ?? "no recorded consent source"
                return "\(policy.key) requires \(rule.standard) consent for \((purpose ?? .advocacy).rawValue) \(channel.rawValue) "
                    + "(\(rule.acceptedSources.sorted().joined(separator: ", "))); this number has \(had) (\(self.cite(rule.citation)))"
            }
        }
        return nil
    }

    /// When every cap of the policy covering the message allows one more, and the caps that held it back.
    public static func capFreesAt(
        policy: JurisdictionPolicy, purpose: CampaignPurpose?, channel: Channel, recentSends: [Date], now: Date
    ) -> (Date, [RuleCitation])? {
        var free: Date?
        var rules: [RuleCitation] = []
        for cap in policy.caps where cap.scope.covers(purpose: purpose, channel: channel) {
            guard let next = cap.freesAt(recentSends: recentSends, now: now) else { continue }
            free = max(free ?? next, next)
            rules.append(cap.citation)
        }
        return free.map { ($0, rules) }
    }

    /// The first allowed instant for `windows` in `zones`; when the zones' windows never overlap, the first
    /// (most likely) zone alone decides.
    public static func nextAllowed(at date: Date, zones: [TimeZone], windows: [DailyWindow]) -> (Date, [String])? {
        if let found = DailyWindow.nextAllowed(at: date, zones: zones, windows: windows) { return (found.at, found.movedBy) }
        guard zones.count > 1, let first = zones.first,
            let found = DailyWindow.nextAllowed(at: date, zones: [first], windows: windows)
        else { return nil }
        return (found.at, found.movedBy)
    }

    /// "quiet hours in the recipient's time zone (us-fl-ftsa-hours: Fla. Stat. 501.059(8)(a))".
    public static func quietReason(_ labels: [String], policy: JurisdictionPolicy?) -> String {
        let cited = labels.compactMap { label in
            policy?.windows.first(where: { $0.citation.id == label }).map { self.cite($0.citation) }
        }
        let base = "quiet hours in the recipient's time zone"
        return cited.isEmpty ? base : "\(base) (\(cited.joined(separator: "; ")))"
    }

    static func cite(_ citation: RuleCitation) -> String {
        "\(citation.id): \(citation.source)"
    }
}
