import Foundation

/// One due bulk message as a claim reads it from the outbox.
public struct ClaimCandidate: Sendable, Hashable {
    public var id: Int64
    public var phone: String
    public var from: String
    /// Set for messages written with their text; nil for alert rows rendered at send time.
    public var body: String?
    public var kind: String
    public var channel: String
    public var alertID: Int64?
    public var language: String?
    /// Milliseconds since 1970.
    public var expiresAt: Int64?
    public var attempts: Int

    public init(
        id: Int64, phone: String, from: String, body: String?, kind: String, channel: String, alertID: Int64?,
        language: String?, expiresAt: Int64?, attempts: Int
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

/// What a claim reads about the recipient of one message, in the claim's transaction.
public struct ClaimRecipient: Sendable, Hashable {
    public var subscriberID: Int64?
    public var firstName: String?
    public var language: String?
    public var timeZone: String?
    /// When the subscriber last got the opt-out reminder (milliseconds since 1970).
    public var lastReminder: Int64?
    public var subscription: SubscriptionStatus?
    public var suppressed: Bool
    public var pendingReview: Bool
    /// The campaign's sends to the number in the frequency window (milliseconds since 1970).
    public var recentSends: [Int64]
    public var consentSource: String?

    public init(
        subscriberID: Int64? = nil, firstName: String? = nil, language: String? = nil, timeZone: String? = nil,
        lastReminder: Int64? = nil, subscription: SubscriptionStatus? = nil, suppressed: Bool = false,
        pendingReview: Bool = false, recentSends: [Int64] = [], consentSource: String? = nil
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
    /// Close the row with this status and reason.
    case close(status: String, reason: String)
    /// Leave it for later: `deferred` until the instant, with the reason.
    case deferred(until: Date, reason: String)
    /// Send it: mark it `sending` with the message's body and attempts; when `remindSubscriber` is set the
    /// body carries the opt-out reminder and that subscriber's reminder clock moves to now.
    case send(ClaimedMessage, remindSubscriber: Int64?)
}

/// The pure part of a bulk claim, shared by the store engines: runs the send gate on one candidate and
/// renders its body. Caches what repeats within one claim (zones, caps, jurisdictions, templates, quiet hours).
public struct ClaimPlanner: Sendable {
    public let gate: SendGate
    public let brand: String
    public let now: Date
    /// The signed `{unsubscribe_url}` of a subscriber; nil (or no answer) renders it empty.
    public var unsubscribeURL: (@Sendable (Int64) -> String?)?
    /// Parsed templates per alert id (see ``learnBodies(alertID:json:)``).
    public var templates: [Int64: [String: MessageTemplate]] = [:]
    public var quietCache = SendGate.Cache()
    var zoneCache: [String: TimeZone] = [:]
    var caps: [Int64: Int?] = [:]
    var jurisdictions: [String: String] = [:]

    public init(gate: SendGate, brand: String, now: Date, unsubscribeURL: (@Sendable (Int64) -> String?)? = nil) {
        self.gate = gate
        self.brand = brand
        self.now = now
        self.unsubscribeURL = unsubscribeURL
    }

    /// Whether the alert's bodies were learnt in this claim.
    public func knowsBodies(alertID: Int64) -> Bool { self.templates[alertID] != nil }

    /// Parses an alert's stored bodies (JSON object language → template); bad JSON or templates count as none.
    public mutating func learnBodies(alertID: Int64, json: String?) {
        let bodies = (try? JSONDecoder().decode([String: String].self, from: Data((json ?? "{}").utf8))) ?? [:]
        self.templates[alertID] = bodies.compactMapValues { try? MessageTemplate($0, allowedPlaceholders: AlertDraft.placeholders) }
    }

    /// Decides what to do with `candidate`, given its campaign and what was read about its recipient.
    public mutating func plan(_ candidate: ClaimCandidate, campaign: Campaign, recipient: ClaimRecipient) -> ClaimDecision {
        guard let phone = PhoneNumber(stored: candidate.phone), let kind = MessageKind(rawValue: candidate.kind) else {
            return .close(status: "failed", reason: "invalid stored message")
        }
        let channel = Channel(rawValue: candidate.channel) ?? .sms
        let expiresAt = candidate.expiresAt.map(Date.init(millisecondsSince1970:))
        var context = SendContext(
            kind: kind, channel: channel, purpose: campaign.purpose, suppressed: recipient.suppressed,
            pendingReview: recipient.pendingReview, subscription: recipient.subscription,
            zones: self.zones(phone: phone, stored: recipient.timeZone),
            recentSends: recipient.recentSends.map(Date.init(millisecondsSince1970:)), expiresAt: expiresAt
        )
        context.monthlyCap = self.monthlyCap(campaign)
        if let policies = self.gate.policies {
            context.jurisdiction = self.jurisdiction(phone, policies: policies)
            context.consentSource = recipient.consentSource
        }
        switch self.gate.evaluate(context, now: self.now, cache: &self.quietCache) {
        case .drop(let status, let reason): return .close(status: status.rawValue, reason: reason)
        case .deferred(let until, let reason): return .deferred(until: until, reason: reason)
        case .send: break
        }
        var body = candidate.body
        var remind: Int64?
        if body == nil {
            guard let alertID = candidate.alertID,
                var rendered = self.render(alertID: alertID, language: candidate.language, campaign: campaign, recipient: recipient)
            else { return .close(status: "failed", reason: "the alert has no body to render") }
            let nowMS = self.now.millisecondsSince1970
            if let subscriberID = recipient.subscriberID,
                recipient.lastReminder.map({ Double(nowMS - $0) / 1000 >= OptOutReminder.interval }) ?? true
            {
                rendered += "\n" + OptOutReminder.text(language: candidate.language ?? recipient.language)
                remind = subscriberID
            }
            body = rendered
        }
        let sms = OutboundSMS(id: candidate.id, to: phone, from: candidate.from, body: body ?? "", kind: kind, campaign: campaign.slug)
        return .send(ClaimedMessage(sms: sms, attempts: candidate.attempts + 1, expiresAt: expiresAt), remindSubscriber: remind)
    }

    /// The alert body in `language` (else the recipient's, the campaign's first language, or any).
    public mutating func render(alertID: Int64, language: String?, campaign: Campaign, recipient: ClaimRecipient) -> String? {
        let templates = self.templates[alertID] ?? [:]
        let language = language ?? recipient.language
        let template = language.flatMap { templates[$0] } ?? campaign.languages.first.flatMap { templates[$0] }
            ?? templates.sorted(by: { $0.key < $1.key }).first?.value
        var values = AlertDraft.values(campaign: campaign, brand: self.brand, firstName: recipient.firstName)
        values["unsubscribe_url"] = recipient.subscriberID.flatMap { id in self.unsubscribeURL?(id) } ?? ""
        return template?.render(values)
    }

    /// The campaign's monthly cap, parsed once per claim.
    public mutating func monthlyCap(_ campaign: Campaign) -> Int? {
        if let cap = self.caps[campaign.id] { return cap }
        let cap = FrequencyCap.perThirtyDays(campaign.frequency)
        self.caps[campaign.id] = cap
        return cap
    }

    /// The number's policy key; NANP numbers of one area code share the answer within a claim.
    public mutating func jurisdiction(_ phone: PhoneNumber, policies: PolicySet) -> String {
        let prefix = phone.countryCallingCode == 1 ? String(phone.e164.prefix(5)) : phone.e164
        if let known = self.jurisdictions[prefix] { return known }
        let key = policies.jurisdiction(of: phone).key
        self.jurisdictions[prefix] = key
        return key
    }

    /// The candidate zones of the number (the intersection of their windows applies), else the stored zone.
    public mutating func zones(phone: PhoneNumber, stored: String?) -> [TimeZone] {
        let names = phone.timeZones.isEmpty ? (stored.map { [$0] } ?? []) : phone.timeZones
        return names.compactMap { name in
            if let zone = self.zoneCache[name] { return zone }
            let zone = TimeZone(identifier: name)
            self.zoneCache[name] = zone
            return zone
        }
    }
}
