import Foundation

/// A bulk message claimed for sending: the gates allowed it and its body is rendered.
public struct ClaimedMessage: Sendable, Hashable {
    public var sms: OutboundSMS
    /// Attempts so far, this one included.
    public var attempts: Int
    public var expiresAt: Date?
    /// When its allowed hours end: a send not started by then is deferred (nil: no window applies).
    public var sendBy: Date?

    public init(sms: OutboundSMS, attempts: Int, expiresAt: Date?, sendBy: Date? = nil) {
        self.sms = sms
        self.attempts = attempts
        self.expiresAt = expiresAt
        self.sendBy = sendBy
    }
}

/// How one claimed message ended.
public enum DispatchResult: Sendable, Hashable {
    case sent(carrier: String, carrierMessageID: String)
    /// A retryable carrier error: queue again at `at`.
    case retry(at: Date, carrier: String, error: CarrierError)
    /// A terminal carrier error (a carrier-reported opt-out also suppresses the number).
    case failed(carrier: String, error: CarrierError)
    /// Closed without a carrier call (suppressed at the last moment, out of attempts, expired).
    case closed(DropStatus, reason: String)
    /// Not sent, and not an attempt: its allowed hours ended while it waited for its turn. It is `deferred`
    /// until `until`, when the next claim decides it again (and defers it to the next allowed time).
    case deferred(until: Date, reason: String)
}

/// One outcome to record.
public struct DispatchOutcome: Sendable, Hashable {
    public var id: Int64
    public var result: DispatchResult
    public init(id: Int64, result: DispatchResult) {
        self.id = id
        self.result = result
    }
}

/// A message whose carrier call was in flight at a crash, kept for review instead of being resent.
public struct InDoubtMessage: Sendable, Hashable, Codable {
    public var id: Int64
    /// Masked number (`+1********00`).
    public var to: String
    public var kind: String
    public var campaign: String?
    /// When it was marked in doubt.
    public var markedAt: Date
    public var attempts: Int

    public init(id: Int64, to: String, kind: String, campaign: String?, markedAt: Date, attempts: Int) {
        self.id = id
        self.to = to
        self.kind = kind
        self.campaign = campaign
        self.markedAt = markedAt
        self.attempts = attempts
    }
}

/// A bulk claim decided but not yet taken: the dispatcher plans the next claim while the last one is leased.
public struct PlannedClaim: Sendable {
    /// A reply was queued when it was planned: the dispatcher sends the queued replies before its batch.
    public var repliesQueued: Bool
    /// Nothing was due.
    public var isEmpty: Bool
    /// Its messages are leased already (a store that claims as it plans): it must be taken and sent, not
    /// released.
    public var isLeased: Bool
    /// What the store needs to take it.
    public var content: any Sendable

    public init(repliesQueued: Bool, isEmpty: Bool, isLeased: Bool = false, content: any Sendable) {
        self.repliesQueued = repliesQueued
        self.isEmpty = isEmpty
        self.isLeased = isLeased
        self.content = content
    }
}

/// What ``DispatchStore/recordThenTake(_:_:now:)`` leased.
public struct TakenClaim: Sendable {
    /// The messages leased, in send order.
    public var messages: [ClaimedMessage] = []
    /// Why the claim, or the rest of it, could not be taken (its rows stay due).
    public var error: (any Error)?

    public init(messages: [ClaimedMessage] = [], error: (any Error)? = nil) {
        self.messages = messages
        self.error = error
    }
}

/// What a send journal recorded of the bulk carrier calls before the process stopped: the leased messages
/// whose call started, and those the carrier accepted. Recovery uses it to put back what never started and to
/// record as sent what was accepted, so only calls that were truly in flight are left in doubt.
public struct SendJournalFacts: Sendable, Hashable {
    /// A carrier's acceptance of one message.
    public struct Acceptance: Sendable, Hashable {
        public var carrier: String
        public var carrierMessageID: String
        public init(carrier: String, carrierMessageID: String) {
            self.carrier = carrier
            self.carrierMessageID = carrierMessageID
        }
    }

    /// When the journal was last emptied: it knows nothing of leases taken before (a database restored from
    /// a backup may hold such leases), which keep the crash policy.
    public var since: Date
    /// Messages whose carrier call started.
    public var started: Set<Int64>
    /// Messages the carrier accepted (each also started).
    public var accepted: [Int64: Acceptance]

    public init(since: Date, started: Set<Int64> = [], accepted: [Int64: Acceptance] = [:]) {
        self.since = since
        self.started = started
        self.accepted = accepted
    }
}

/// The bulk outbox as the dispatcher sees it.
public protocol DispatchStore: Sendable {
    /// Claims up to `limit` due bulk messages, interleaved across campaigns, evaluating `gate` for each:
    /// allowed ones are leased with a rendered body (reported as `sending` until their outcome is recorded);
    /// the others are deferred or closed with their reason. Nothing is claimed while sending is paused.
    /// SQLite plans on a snapshot and leases in a short transaction that re-checks each row; PostgreSQL
    /// claims in one transaction.
    func claimBulk(limit: Int, gate: SendGate, brand: String, lease: TimeInterval, now: Date) async throws -> [ClaimedMessage]

    /// ``claimBulk(limit:gate:brand:lease:now:)`` in two steps, so that the next claim can be decided while
    /// the last one is being taken: this one decides, ``takeClaim(_:)`` leases. It also says whether any reply
    /// was queued, so the dispatcher looks for replies only when there are some. SQLite decides on a snapshot
    /// and keeps the rows it decided out of the next plans until their leases are visible; the default claims
    /// here at once (and says a reply may be queued).
    func planBulkClaim(limit: Int, gate: SendGate, brand: String, lease: TimeInterval, now: Date) async throws -> PlannedClaim

    /// Takes a planned claim: leases its messages, after re-checking each row, and closes or defers the others.
    func takeClaim(_ planned: PlannedClaim) async throws -> [ClaimedMessage]

    /// Gives up a planned claim that will not be taken (at shutdown), so its rows are planned again. Not for
    /// a claim that ``PlannedClaim/isLeased``.
    func releaseClaim(_ planned: PlannedClaim)

    /// Whether a claim can be planned before the last one is taken without leasing anything (SQLite). Then
    /// the dispatcher plans a batch ahead; otherwise (the default, which claims as it plans) it claims the next
    /// batch only while the current one is sent, so at most two batches are leased at once.
    var plansClaimsAhead: Bool { get }

    /// ``recordOutcomes(_:now:)`` of one batch, then ``takeClaim(_:)`` of the next (either may be absent).
    /// SQLite writes both in the same transactions, a chunk of each per commit (the default: one after the
    /// other). It throws only when the outcomes could not be recorded: a claim that could not be taken comes
    /// back as ``TakenClaim/error``.
    func recordThenTake(_ outcomes: [DispatchOutcome], _ planned: PlannedClaim?, now: Date) async throws -> TakenClaim

    /// Records how claimed messages ended, each in the same transaction as the end of its lease (SQLite
    /// writes a large batch in several short transactions, so an opt-out never waits behind it).
    func recordOutcomes(_ outcomes: [DispatchOutcome], now: Date) async throws

    /// Deals with messages left leased (`sending`) by a previous process; returns how many there were.
    func recoverInFlight(policy: CrashPolicy, now: Date) async throws -> Int

    /// ``recoverInFlight(policy:now:)`` knowing what the send journal recorded: a leased message whose call
    /// never started is put back as it was, one the carrier accepted is recorded as sent, and only the rest
    /// (calls in flight) get the crash policy. The default ignores the journal.
    func recoverInFlight(policy: CrashPolicy, journal: SendJournalFacts?, now: Date) async throws -> Int

    /// Whether several instances share this store. Then ``recoverInFlight(policy:now:)`` takes only
    /// messages whose lease has run out, and every dispatcher runs it periodically, so the claims of an
    /// instance that died are dealt with by the others without a restart.
    var isSharedByInstances: Bool { get }

    /// Messages marked in doubt after a crash, newest first.
    func inDoubtMessages(limit: Int) async throws -> [InDoubtMessage]

    /// Pauses or resumes sending, globally (`campaignID` nil) or for one campaign. Survives restarts.
    func setDispatchPaused(_ paused: Bool, campaignID: Int64?, actor: String, now: Date) async throws

    /// Whether sending is paused globally, and the ids of paused campaigns.
    func dispatchPauses() async throws -> (global: Bool, campaigns: [Int64])
}

extension DispatchStore {
    public func recoverInFlight(policy: CrashPolicy, journal: SendJournalFacts?, now: Date) async throws -> Int {
        try await self.recoverInFlight(policy: policy, now: now)
    }

    public func planBulkClaim(limit: Int, gate: SendGate, brand: String, lease: TimeInterval, now: Date) async throws -> PlannedClaim {
        let messages = try await self.claimBulk(limit: limit, gate: gate, brand: brand, lease: lease, now: now)
        return PlannedClaim(repliesQueued: true, isEmpty: messages.isEmpty, isLeased: true, content: messages)
    }

    public func releaseClaim(_ planned: PlannedClaim) {}

    public var plansClaimsAhead: Bool { false }

    public func takeClaim(_ planned: PlannedClaim) async throws -> [ClaimedMessage] {
        planned.content as? [ClaimedMessage] ?? []
    }

    public func recordThenTake(_ outcomes: [DispatchOutcome], _ planned: PlannedClaim?, now: Date) async throws -> TakenClaim {
        if !outcomes.isEmpty { try await self.recordOutcomes(outcomes, now: now) }
        var taken = TakenClaim()
        guard let planned else { return taken }
        do {
            taken.messages = try await self.takeClaim(planned)
        } catch {
            taken.error = error
        }
        return taken
    }

    /// One process owns the store (SQLite): recovery runs once, at start.
    public var isSharedByInstances: Bool { false }
}
