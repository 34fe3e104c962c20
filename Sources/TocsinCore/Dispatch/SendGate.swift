import Foundation

/// The send-time gates, evaluated for each message immediately before it is handed to a carrier.
///
/// Order: expiry, suppression, pending review, consent, frequency caps, quiet hours. With ``policies`` and a
/// context naming its jurisdiction, the jurisdiction's rules apply too (``PolicyGate``): its consent standard,
/// its caps on top of the org's, and its windows intersected with the org's quiet hours. Replies (HELP and
/// confirmations) answer the supporter, so quiet hours, caps and consent do not apply to them; suppression
/// does, except for the one opt-out confirmation and HELP.
///
/// ```swift
/// let gate = SendGate()
/// switch gate.evaluate(context, now: clock.now) { case .send: …; case .deferred(let until, _): …; case .drop: … }
/// ```
public struct SendGate: Sendable, Hashable {
    public var quietHours: QuietHours
    /// At most this many messages of one campaign to one number per 24 hours.
    public var maxPer24Hours: Int
    /// Zones used when a number's own are unknown.
    public var fallbackZones: [TimeZone]
    /// How long a bulk message waits before the gate looks again at a number whose text is under review.
    public var reviewRecheck: TimeInterval
    /// The jurisdiction policies (`Compliance/`); nil: only the org's own quiet hours and caps apply.
    public var policies: PolicySet?

    /// The longest an opt-out confirmation may wait (47 CFR 64.1200(a)(12)).
    public static let optOutConfirmationWindow: TimeInterval = 5 * 60

    public init(
        quietHours: QuietHours = QuietHours(), maxPer24Hours: Int = 3,
        fallbackZones: [TimeZone] = [TimeZone(identifier: "UTC")!], reviewRecheck: TimeInterval = 15 * 60,
        policies: PolicySet? = nil
    ) {
        self.quietHours = quietHours
        self.maxPer24Hours = maxPer24Hours
        self.fallbackZones = fallbackZones
        self.reviewRecheck = reviewRecheck
        self.policies = policies
    }

    /// Remembers quiet-hours answers, for evaluating many messages at one instant.
    public struct Cache: Sendable {
        struct Key: Hashable {
            var zones: [String]
            var at: Date
            /// Jurisdiction, purpose and channel (the policy windows that apply); empty without policies.
            var policy: String = ""
        }
        var answers: [Key: (Date, [String])?] = [:]
        var ends: [Key: Date?] = [:]
        public init() {}
    }

    /// For a bulk message the gate lets through at `now`: the instant its allowed hours end (quiet hours and
    /// the policy's windows, in every candidate zone). A send must start before it; a message still waiting
    /// then (paced behind others) is deferred and decided again. Nil: no window applies.
    public func sendBy(_ context: SendContext, now: Date, cache: inout Cache) -> Date? {
        guard !context.kind.isReply else { return nil }
        let policy = self.policy(context)
        let (zones, key) = self.windowKey(context, policy: policy, at: now)
        if let known = cache.ends[key] { return known }
        let end = DailyWindow.allowedUntil(now, zones: zones, windows: self.windows(context, policy: policy))
        cache.ends[key] = end
        return end
    }

    /// The jurisdiction policy of the message's number (nil without policies).
    private func policy(_ context: SendContext) -> JurisdictionPolicy? {
        context.jurisdiction.flatMap { key in self.policies.map { $0.policy(for: key) } }
    }

    /// The zones the message's windows apply in (its own, else the fallback) and the cache key of its windows
    /// at `date`: the zones, and the policy, purpose and channel that select the policy's windows.
    private func windowKey(_ context: SendContext, policy: JurisdictionPolicy?, at date: Date) -> (zones: [TimeZone], key: Cache.Key) {
        let zones = context.zones.isEmpty ? self.fallbackZones : context.zones
        let policyKey = policy.map { "\($0.key)|\(context.purpose?.rawValue ?? "")|\(context.channel.rawValue)" } ?? ""
        return (zones, Cache.Key(zones: zones.map(\.identifier), at: date, policy: policyKey))
    }

    /// The org's quiet hours and the policy's windows for the message.
    private func windows(_ context: SendContext, policy: JurisdictionPolicy?) -> [DailyWindow] {
        [DailyWindow(self.quietHours)] + (policy?.windows(purpose: context.purpose, channel: context.channel) ?? [])
    }

    /// Decides whether the message may be sent at `now`.
    public func evaluate(_ context: SendContext, now: Date) -> SendDecision {
        var cache = Cache()
        return self.evaluate(context, now: now, cache: &cache)
    }

    /// Decides whether the message may be sent at `now`, reusing quiet-hours answers from `cache`.
    public func evaluate(_ context: SendContext, now: Date, cache: inout Cache) -> SendDecision {
        if let expiresAt = context.expiresAt, now >= expiresAt {
            return .drop(.expired, reason: "expired before it could be sent")
        }
        if context.kind.isReply {
            return self.evaluateReply(context, now: now)
        }
        if context.suppressed {
            return .drop(.suppressed, reason: "number is suppressed (opted out)")
        }
        if context.subscription != .active {
            let state = context.subscription?.rawValue ?? "none"
            return .drop(.cancelled, reason: "no active subscription for this campaign and channel (\(state))")
        }
        if context.pendingReview {
            return self.deferral(until: now.addingTimeInterval(self.reviewRecheck), context, reason: "a possible opt-out is waiting for review")
        }
        let policy = self.policy(context)
        if let policy, let denial = PolicyGate.consentDenial(
            policy: policy, purpose: context.purpose, channel: context.channel, consentSource: context.consentSource
        ) {
            return .drop(.cancelled, reason: denial)
        }
        var earliest = now
        var reasons: [String] = []
        if let free = self.capFreesAt(context, now: now), free > earliest {
            earliest = free
            reasons.append("frequency cap")
        }
        if let policy, let (free, rules) = PolicyGate.capFreesAt(
            policy: policy, purpose: context.purpose, channel: context.channel, recentSends: context.recentSends, now: now
        ), free > now {
            earliest = max(earliest, free)
            let cited = "frequency cap (\(rules.map(PolicyGate.cite).joined(separator: "; ")))"
            if let index = reasons.firstIndex(of: "frequency cap") { reasons[index] = cited } else { reasons.append(cited) }
        }
        let (zones, key) = self.windowKey(context, policy: policy, at: earliest)
        let answer: (Date, [String])?
        if let cached = cache.answers[key] {
            answer = cached
        } else {
            answer = PolicyGate.nextAllowed(at: earliest, zones: zones, windows: self.windows(context, policy: policy))
            cache.answers[key] = answer
        }
        guard let (allowed, movedBy) = answer else {
            if policy == nil { return reasons.isEmpty ? .send : self.deferral(until: earliest, context, reason: reasons.joined(separator: " and ")) }
            return .drop(.cancelled, reason: "no time in the next \(DailyWindow.horizonDays) days is inside the allowed hours in the recipient's time zone")
        }
        if allowed > earliest {
            reasons.append(reasons.isEmpty || policy != nil ? PolicyGate.quietReason(movedBy, policy: policy) : "quiet hours")
            earliest = allowed
        }
        guard !reasons.isEmpty else { return .send }
        return self.deferral(until: earliest, context, reason: reasons.joined(separator: " and "))
    }

    private func evaluateReply(_ context: SendContext, now: Date) -> SendDecision {
        if context.suppressed, context.kind != .optOutConfirmation, context.kind != .help {
            return .drop(.suppressed, reason: "number is suppressed (opted out)")
        }
        if context.kind == .optOutConfirmation, let createdAt = context.createdAt,
            now.timeIntervalSince(createdAt) > Self.optOutConfirmationWindow
        {
            return .drop(.expired, reason: "opt-out confirmation older than 5 minutes")
        }
        return .send
    }

    private func deferral(until: Date, _ context: SendContext, reason: String) -> SendDecision {
        if let expiresAt = context.expiresAt, until >= expiresAt {
            return .drop(.expired, reason: "\(reason): the next allowed time is past its expiry")
        }
        return .deferred(until: until, reason: reason)
    }

    /// When the 24-hour and 30-day caps next allow one more message (nil: they allow it now).
    func capFreesAt(_ context: SendContext, now: Date) -> Date? {
        let day: TimeInterval = 86_400
        var free: Date?
        func check(window: TimeInterval, cap: Int) {
            let inWindow = context.recentSends.filter { now.timeIntervalSince($0) < window }.sorted()
            guard inWindow.count >= cap else { return }
            // The send that must leave the window for the count to drop below the cap.
            let leaving = inWindow[inWindow.count - max(cap, 1)].addingTimeInterval(window)
            free = max(free ?? leaving, leaving)
        }
        check(window: day, cap: self.maxPer24Hours)
        if let monthly = context.monthlyCap {
            check(window: 30 * day, cap: monthly)
        }
        return free
    }
}
