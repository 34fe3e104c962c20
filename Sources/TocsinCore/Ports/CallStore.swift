import Foundation

/// A bulk alert call claimed for placing: the gates allowed it and its script is rendered.
public struct ClaimedCall: Sendable, Hashable {
    /// The call; the organisation name and callback number are the dispatcher's to fill.
    public var call: OutboundCall
    /// Attempts so far, this one included.
    public var attempts: Int
    public var expiresAt: Date?
    /// When its allowed hours end: a call not placed by then is deferred (nil: no window applies).
    public var sendBy: Date?

    public init(call: OutboundCall, attempts: Int, expiresAt: Date?, sendBy: Date? = nil) {
        self.call = call
        self.attempts = attempts
        self.expiresAt = expiresAt
        self.sendBy = sendBy
    }
}

/// What a web opt-in did for alert calls (`channels` with `voice`).
public enum VoiceOptInStatus: String, Sendable, Hashable, Codable {
    /// Waits for the same "reply Y" confirmation as the texts.
    case pending
    /// The number already confirmed its handset for this campaign: calls are on.
    case active
    /// The number pressed 9 (or texted STOP) before: recorded, no calls.
    case refused
}

/// An alert call's row as its webhooks need it.
public struct StoredCall: Sendable, Hashable {
    public var call: OutboundCall
    /// The outbound row's status.
    public var status: String
    /// The carrier's call id, once known.
    public var carrierCallID: String?
    /// Whether the number may no longer be called (STOP or press 9 since the call was placed).
    public var optedOut: Bool

    public init(call: OutboundCall, status: String, carrierCallID: String?, optedOut: Bool) {
        self.call = call
        self.status = status
        self.carrierCallID = carrierCallID
        self.optedOut = optedOut
    }
}

/// Alert calls as the call dispatcher and the call webhooks see them.
public protocol CallStore: Sendable {
    /// Claims up to `limit` due alert calls, evaluating `gate` (quiet hours, consent, suppression, campaign
    /// caps) and `cap` (calls per number across campaigns) for each in the same transaction.
    func claimCalls(limit: Int, gate: SendGate, cap: CallCap, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedCall]

    /// Records how claimed calls ended, in one transaction (a status callback that already moved a call
    /// further is kept).
    func recordCallOutcomes(_ outcomes: [DispatchOutcome], now: Date) async throws

    /// The call of outbound message `id` (nil: no such alert call).
    func storedCall(id: Int64) async throws -> StoredCall?

    /// "Press 9": no call of any campaign to the number again, every voice subscription opted out, queued
    /// calls cancelled, one consent-ledger entry (source `voice_keypress`, channel `voice`). Returns false
    /// when the number had already asked.
    func recordVoiceOptOut(messageID: Int64, callID: String?, now: Date) async throws -> Bool

    /// Applies a call status callback through ``CallStatus/messageState``; returns the row's status after it.
    func recordCallStatus(messageID: Int64, callID: String, status: CallStatus, now: Date) async throws -> String?

    /// Audits "press 1" (the supporter was connected to the campaign's target).
    func recordPatchThrough(messageID: Int64, now: Date) async throws
}
