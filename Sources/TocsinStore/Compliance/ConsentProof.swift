import Foundation
import GRDB
import TocsinCore

/// Everything recorded about one number's consent, in order, with the ledger entries that prove it was
/// not edited: for each event, `hash = SHA-256(previous_hash + "\n" + entry)`, and the entry's
/// `disclosure` is the SHA-256 of the disclosure text shown.
public struct ConsentProof: Sendable, Hashable {
    /// One consent event with its evidence and its ledger entry.
    public struct Event: Sendable, Hashable {
        public var consentEventID: Int64
        public var occurredAt: Date
        public var action: String
        public var scope: String
        public var campaign: String?
        public var channel: String
        public var source: String
        public var keyword: String?
        public var rawText: String?
        public var tier: String?
        public var rule: String?
        public var sourceURL: String?
        public var ip: String?
        public var userAgent: String?
        /// The exact disclosure text the supporter was shown.
        public var disclosure: String?
        public var staff: String?
        public var language: String?
        /// Whether an erasure blanked the personal fields (their keyed hashes stay in the entry).
        public var erased: Bool
        public var seq: Int64?
        public var entry: String?
        public var previousHash: String?
        public var hash: String?

        public init(
            consentEventID: Int64, occurredAt: Date, action: String, scope: String, campaign: String?, channel: String, source: String,
            keyword: String?, rawText: String?, tier: String?, rule: String?, sourceURL: String?, ip: String?, userAgent: String?,
            disclosure: String?, staff: String?, language: String?, erased: Bool, seq: Int64?, entry: String?, previousHash: String?,
            hash: String?
        ) {
            self.consentEventID = consentEventID
            self.occurredAt = occurredAt
            self.action = action
            self.scope = scope
            self.campaign = campaign
            self.channel = channel
            self.source = source
            self.keyword = keyword
            self.rawText = rawText
            self.tier = tier
            self.rule = rule
            self.sourceURL = sourceURL
            self.ip = ip
            self.userAgent = userAgent
            self.disclosure = disclosure
            self.staff = staff
            self.language = language
            self.erased = erased
            self.seq = seq
            self.entry = entry
            self.previousHash = previousHash
            self.hash = hash
        }
    }

    public var phone: String
    /// The number's keyed hash (what its entries carry instead of the number).
    public var phoneKey: String
    public var suppressed: Bool
    public var events: [Event]
    /// The ledger's last entry when the proof was made.
    public var head: LedgerHead?

    public init(phone: String, phoneKey: String, suppressed: Bool, events: [Event], head: LedgerHead?) {
        self.phone = phone
        self.phoneKey = phoneKey
        self.suppressed = suppressed
        self.events = events
        self.head = head
    }
}

extension SQLiteStore {
    /// The consent proof for `phone` (also after an erasure, by its keyed hash).
    public func consentProof(_ phone: PhoneNumber) async throws -> ConsentProof {
        let clear = phone.e164
        let token = self.erasureKey.erasedPhone(clear)
        return try await self.writer.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.occurred_at, e.action, e.scope, c.slug, e.channel, e.source, e.keyword, e.raw_text, e.tier, e.rule,
                        e.source_url, e.ip, e.user_agent, e.disclosure, e.staff, e.language, e.erased_at, l.seq, l.entry, l.hash,
                        (SELECT p.hash FROM ledger_entry p WHERE p.seq = l.seq - 1)
                    FROM consent_event e LEFT JOIN campaign c ON c.id = e.campaign_id
                    LEFT JOIN ledger_entry l ON l.kind = 'consent' AND l.source_id = e.id
                    WHERE e.phone IN (?, ?) ORDER BY e.id
                    """,
                arguments: [clear, token]
            )
            let events = rows.map { row in
                let seq: Int64? = row[18]
                return ConsentProof.Event(
                    consentEventID: row[0], occurredAt: Date(millisecondsSince1970: row[1]), action: row[2], scope: row[3],
                    campaign: row[4], channel: row[5], source: row[6], keyword: row[7], rawText: row[8], tier: row[9], rule: row[10],
                    sourceURL: row[11], ip: row[12], userAgent: row[13], disclosure: row[14], staff: row[15], language: row[16],
                    erased: (row[17] as Int64?) != nil, seq: seq, entry: row[19], previousHash: seq == 1 ? LedgerEncoding.genesis : row[21],
                    hash: row[20]
                )
            }
            let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM ledger_entry ORDER BY seq DESC LIMIT 1").map {
                LedgerHead(seq: $0[0], hash: $0[1])
            }
            return ConsentProof(
                phone: clear, phoneKey: String(token.dropFirst(5)), suppressed: try db.isSuppressed(clear), events: events, head: head
            )
        }
    }
}
