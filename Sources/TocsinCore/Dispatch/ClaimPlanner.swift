import Foundation

/// A due bulk message as a claim reads it from the outbox.
public struct ClaimCandidate: Sendable, Hashable {
    public var id: Int64
    public var phone: PhoneNumber
    public var from: String
    /// Set when the body was stored already (a retry); nil: render it from the alert.
    public var body: String?
    public var kind: MessageKind
    public var channel: Channel
    public var alertID: Int64?
    public var language: String?
    public var expiresAt: Date?
    /// Attempts before this one.
    public var attempts: Int

    public init(
        id: Int64, phone: PhoneNumber, from: String, body: String?, kind: MessageKind, channel: Channel, alertID: Int64?,
        language: String?, expiresAt: Date?, attempts: Int
    ) {
        self.id = id
        self.phone = phone
        self.from = from
        self.body = body
        self.kind = kind
        self.channel = channel
        self.alertID = alertID
        self.language = language
        self.expiresAt = expiresAt
        self.attempts = attempts
    }
}

/// What a claim knows about a message's recipient, read in the claim's transaction.
public struct RecipientSnapshot: Sendable, Hashable {
    public var subscriberID: Int64?
    public var firstName: String?
    public var language: String?
    public var timeZone: String?
    public var lastReminder: Date?
    public var subscription: SubscriptionStatus?
    public var suppressed: Bool
    public var pendingReview: Bool
    /// This campaign's sends to the number in the frequency window (the message itself left out).
    public var recentSends: [Date]
    /// The source of the latest consent on record (``ConsentSource`` raw value, `web_form` for a confirmation).
    public var consentSource: String?

    public init(
        subscriberID: Int64? = nil, firstName: String? = nil, language: String? = nil, timeZone: String? = nil,
        lastReminder: Date? = nil, subscription: SubscriptionStatus? = nil, suppressed: Bool = false, pendingReview: Bool = false,
        recentSends: [Date] = [], consentSource: String? = nil
    ) {
        self.subscriberID = subscriberID
        self.firstName = firstName
        self.language = language
        self.timeZone = timeZone
        self.lastReminder = lastReminder
        self.subscription = subscription
        self.suppressed = suppressed
        self.pendingReview = pendingReview
        self.recentSends = recentSends
        self.consentSource = consentSource
    }
}

/// What a claim does with one candidate.
public enum ClaimDecision: Sendable, Hashable {
    /// Close the message unsent with this status and reason.
    case close(status: String, reason: String)
    /// Leave it for later.
    case deferred(until: Date, reason: String)
    /// Send this body; `remind` says the opt-out reminder was appended (stamp the subscriber); the send must
    /// start before `sendBy`, when its allowed hours end (``SendGate/sendBy(_:now:cache:)``).
    case send(body: String, attempts: Int, remind: Bool, sendBy: Date? = nil)
}

/// The pure part of a bulk claim, shared by every store engine: the send-time gate, the jurisdiction and
/// zone lookups, the rendering of the alert body and the monthly opt-out reminder. It keeps caches for the
/// claim it serves (one instant, many messages); the store reads the rows and writes the decisions.
public struct ClaimPlanner: Sendable {
    public let gate: SendGate
    public let brand: String
    public let now: Date
    /// Makes a subscriber's signed unsubscribe link; without it `{unsubscribe_url}` renders empty.
    public var unsubscribeURL: (@Sendable (_ subscriberID: Int64, _ now: Date) -> String)?
    var zoneCache: [String: TimeZone] = [:]
    var numberZones: [String: [TimeZone]] = [:]
    var caps: [Int64: Int?] = [:]
    var jurisdictions: [String: String] = [:]
    var quietCache = SendGate.Cache()
    var values: [Int64: [String: String]] = [:]

    public init(gate: SendGate, brand: String, now: Date) {
        self.gate = gate
        self.brand = brand
        self.now = now
    }

    /// Decides one SMS candidate: the gate first, then the body (stored, or rendered from `templates`, the
    /// alert's parsed bodies by language) with the opt-out reminder when the subscriber is due one.
    public mutating func decide(
        _ candidate: ClaimCandidate, recipient: RecipientSnapshot, campaign: Campaign, templates: [String: MessageTemplate]
    ) -> ClaimDecision {
        let context = self.context(candidate, recipient: recipient, campaign: campaign)
        switch self.gate.evaluate(context, now: self.now, cache: &self.quietCache) {
        case .drop(let status, let reason): return .close(status: status.rawValue, reason: reason)
        case .deferred(let until, let reason): return .deferred(until: until, reason: reason)
        case .send: break
        }
        let sendBy = self.sendBy(context)
        if let body = candidate.body { return .send(body: body, attempts: candidate.attempts + 1, remind: false, sendBy: sendBy) }
        guard var body = self.render(candidate, recipient: recipient, campaign: campaign, templates: templates) else {
            return .close(status: "failed", reason: "the alert has no body to render")
        }
        let remind = recipient.subscriberID != nil
            && (recipient.lastReminder.map { self.now.timeIntervalSince($0) >= OptOutReminder.interval } ?? true)
        if remind { body += "\n" + OptOutReminder.text(language: candidate.language ?? recipient.language) }
        return .send(body: body, attempts: candidate.attempts + 1, remind: remind, sendBy: sendBy)
    }

    /// The gate's view of one candidate.
    public mutating func context(_ candidate: ClaimCandidate, recipient: RecipientSnapshot, campaign: Campaign) -> SendContext {
        var context = SendContext(
            kind: candidate.kind, channel: candidate.channel, purpose: campaign.purpose, suppressed: recipient.suppressed,
            pendingReview: recipient.pendingReview, subscription: recipient.subscription,
            zones: self.zones(phone: candidate.phone, stored: recipient.timeZone), recentSends: recipient.recentSends,
            expiresAt: candidate.expiresAt
        )
        context.monthlyCap = self.monthlyCap(campaign)
        if let policies = self.gate.policies {
            context.jurisdiction = self.jurisdiction(candidate.phone, policies: policies)
            context.consentSource = recipient.consentSource
        }
        return context
    }

    /// Runs the gate on a context (for channels that add their own checks, e.g. call caps).
    public mutating func evaluate(_ context: SendContext) -> SendDecision {
        self.gate.evaluate(context, now: self.now, cache: &self.quietCache)
    }

    /// When the allowed hours of a message the gate let through end (``SendGate/sendBy(_:now:cache:)``).
    public mutating func sendBy(_ context: SendContext) -> Date? {
        self.gate.sendBy(context, now: self.now, cache: &self.quietCache)
    }

    /// The alert body in the recipient's language (else the campaign's first language, else any).
    public mutating func render(
        _ candidate: ClaimCandidate, recipient: RecipientSnapshot, campaign: Campaign, templates: [String: MessageTemplate]
    ) -> String? {
        let language = candidate.language ?? recipient.language
        guard let template = language.flatMap({ templates[$0] }) ?? campaign.languages.first.flatMap({ templates[$0] })
            ?? templates.min(by: { $0.key < $1.key })?.value
        else { return nil }
        var values: [String: String]
        if let cached = self.values[campaign.id] {
            values = cached
        } else {
            values = AlertDraft.values(campaign: campaign, brand: self.brand, firstName: nil)
            self.values[campaign.id] = values
        }
        if let firstName = recipient.firstName, !firstName.isEmpty { values["first_name"] = firstName }
        values["unsubscribe_url"] = ""
        if template.placeholders.contains("unsubscribe_url"), let id = recipient.subscriberID, let link = self.unsubscribeURL {
            values["unsubscribe_url"] = link(id, self.now)
        }
        return template.render(values)
    }

    /// The campaign's monthly cap, parsed once per claim.
    mutating func monthlyCap(_ campaign: Campaign) -> Int? {
        if let cap = self.caps[campaign.id] { return cap }
        let cap = FrequencyCap.perThirtyDays(campaign.frequency)
        self.caps[campaign.id] = cap
        return cap
    }

    /// The number's policy key; NANP numbers of one area code share the answer within a claim.
    mutating func jurisdiction(_ phone: PhoneNumber, policies: PolicySet) -> String {
        let prefix = phone.countryCallingCode == 1 ? String(phone.e164.prefix(5)) : phone.e164
        if let known = self.jurisdictions[prefix] { return known }
        let key = policies.jurisdiction(of: phone).key
        self.jurisdictions[prefix] = key
        return key
    }

    /// The candidate zones of the number (the intersection of their windows applies), else the stored zone.
    public mutating func zones(phone: PhoneNumber, stored: String?) -> [TimeZone] {
        // A NANP number's candidate zones follow from its area code; other countries may split by prefix.
        let byNumber: [TimeZone]
        if phone.countryCallingCode == 1 {
            let areaCode = String(phone.e164.prefix(5))
            byNumber = self.numberZones[areaCode] ?? self.resolve(phone.timeZones)
            self.numberZones[areaCode] = byNumber
        } else {
            byNumber = self.resolve(phone.timeZones)
        }
        if !byNumber.isEmpty { return byNumber }
        return stored.map { self.resolve([$0]) } ?? []
    }

    /// The zones of these IANA names (unknown names left out), each made once per claim.
    mutating func resolve(_ names: [String]) -> [TimeZone] {
        names.compactMap { name in
            if let zone = self.zoneCache[name] { return zone }
            let zone = TimeZone(identifier: name)
            self.zoneCache[name] = zone
            return zone
        }
    }
}
