import Foundation
import TocsinCore
import TocsinPostgres
import TocsinStore

/// Everything the server and the CLI use of a store: the store protocols of TocsinCore plus the ledger,
/// compliance, erasure and unsubscribe-link methods. ``SQLiteStore`` and ``PostgresStore`` both conform,
/// so `storage.database` chooses the engine and nothing above the store knows which one it got.
public protocol ServerStore: OutboxStore, CampaignStore, CampaignAdminStore, DispatchStore, AlertStore, InboundStore,
    ReviewStore, DeliveryReceiptStore, OperationsStore, TokenStore, CallStore, SubscriberImportStore, InstanceRegistry
{
    /// The campaign with this id, archived or not (nil when unknown).
    func campaign(id: Int64) async throws -> Campaign?
    /// Checks the whole hash chain and every consent and audit row against it.
    func verifyLedger(progress: (@Sendable (Int, Int) -> Void)?) async throws -> LedgerVerification
    /// The hash of ledger entry `seq` (nil when there is none).
    func ledgerHash(seq: Int64) async throws -> String?
    /// Opt-outs recorded in `[from, to)`, oldest first.
    func optOutLog(from: Date, to: Date, limit: Int) async throws -> [OptOutLogEntry]
    /// Every consent event of a number, with its ledger entries.
    func consentProof(_ phone: PhoneNumber) async throws -> ConsentProof
    /// Consent changes in `[from, to)` in the shape of Twilio's Bulk Consents API.
    func twilioConsents(from: Date, to: Date, senderID: String) async throws -> [TwilioConsentItem]
    /// Pending reviews near or past their deadline and opt-outs honoured late since `since`.
    func deadlineReport(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineReport
    /// The counts of ``deadlineReport(now:since:deadline:)`` only.
    func deadlineCounts(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineCounts
    /// Records an opt-out made outside SMS (web link, staff, API) with its audit record.
    func recordOptOut(_ request: OptOutRequest, now: Date) async throws -> OptOutRecorded
    /// Erases a number's personal data everywhere; it stays suppressed by its keyed hash.
    func erase(_ phone: PhoneNumber, actor: String, reason: String?, now: Date) async throws -> ErasureOutcome
    /// The number of subscriber `id` (nil when unknown or erased).
    func subscriberPhone(id: Int64) async throws -> PhoneNumber?
    /// A campaign's recipients grouped by jurisdiction, for the launch check.
    func recipientGroups(campaignID: Int64, channel: TocsinCore.Channel, policies: PolicySet) async throws -> [LaunchCheck.RecipientGroup]
    /// A web opt-in for texts and, with `voice`, for alert calls too, in one transaction.
    func requestWebOptIn(
        _ request: WebOptInRequest, voice: Bool, renderer: any ReplyRendering, sender: String, now: Date
    ) async throws -> (sms: WebOptInOutcome, voice: VoiceOptInStatus?)
    /// Sets where unsubscribe links point and how long they work.
    func configureUnsubscribeLinks(baseURL: String, validityDays: Int)
    /// The unsubscribe links, once configured.
    var links: UnsubscribeLinks? { get }
    /// The last check before each carrier call for an opt-out committed by another instance (nil when one
    /// process owns the store, as with SQLite: the in-process guard sees every opt-out).
    var sendFence: (any SendFence)? { get }
}

extension ServerStore {
    /// Checks the whole ledger without progress reports.
    public func verifyLedger() async throws -> LedgerVerification {
        try await self.verifyLedger(progress: nil)
    }

    /// Opt-outs recorded in `[from, to)`, at most a million.
    public func optOutLog(from: Date, to: Date) async throws -> [OptOutLogEntry] {
        try await self.optOutLog(from: from, to: to, limit: 1_000_000)
    }
}

extension SQLiteStore: ServerStore {
    public var sendFence: (any SendFence)? { nil }
}

extension PostgresStore: ServerStore {
    public var sendFence: (any SendFence)? { self }
}
