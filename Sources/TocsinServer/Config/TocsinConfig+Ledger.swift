import Foundation
import TocsinCore
import TocsinStore

/// The `compliance.*` keys of the ledger, erasure and unsubscribe links.
public struct LedgerSettings: Sendable {
    /// `compliance.erasure_key` (secret, never logged): keys the ledger's hashes of numbers and personal
    /// fields and signs unsubscribe links. Unset on SQLite: read from `<database>.erasure-key`, created (mode
    /// 0600) with a random key the first time; required on PostgreSQL (the same on every instance). Back it
    /// up with the database: without it, erased numbers can no longer be recognised and `tocsin audit verify`
    /// cannot check the numbers' hashes.
    public var erasureKey: String?
    /// `compliance.verify_on_start` (default true): check the whole ledger before serving and refuse to
    /// start when it is broken.
    public var verifyOnStart: Bool
    /// `compliance.unsubscribe_link_days` (default 90; CASL asks for at least 60).
    public var unsubscribeLinkDays: Int
    /// `compliance.opt_out_deadline_business_days` (default 10): the legal ceiling for honouring an opt-out,
    /// counted on the review calendar (`review.time_zone`, `review.holidays`).
    public var optOutDeadlineBusinessDays: Int
}

extension TocsinConfig {
    /// The `compliance.*` keys of the ledger.
    static let ledgerKeys = [
        "compliance.erasure_key", "compliance.verify_on_start", "compliance.unsubscribe_link_days",
        "compliance.opt_out_deadline_business_days",
    ]

    /// Reads the ledger's settings, checking each value.
    static func ledgerSettings(_ values: ConfigValues) throws(ConfigError) -> LedgerSettings {
        let key = values["compliance.erasure_key"]
        if let key, key.trimmingCharacters(in: .whitespacesAndNewlines).count < 32 {
            throw ConfigError("compliance.erasure_key must be at least 32 characters (e.g. `openssl rand -hex 32`)")
        }
        let days = try values.int("compliance.unsubscribe_link_days", default: 90)
        guard (60...3650).contains(days) else {
            throw ConfigError("compliance.unsubscribe_link_days must be 60–3650 (CASL: links work at least 60 days), not \(days)")
        }
        let deadline = try values.int("compliance.opt_out_deadline_business_days", default: 10)
        guard (1...10).contains(deadline) else {
            throw ConfigError("compliance.opt_out_deadline_business_days must be 1–10 (the legal ceiling is 10), not \(deadline)")
        }
        return LedgerSettings(
            erasureKey: key, verifyOnStart: try values.bool("compliance.verify_on_start", default: true),
            unsubscribeLinkDays: days, optOutDeadlineBusinessDays: deadline
        )
    }

    /// Opens the configured SQLite database with the configured erasure key (or the key file beside it).
    ///
    /// - Throws: ``ConfigError`` when `storage.database` is a PostgreSQL URL (use ``withServerStore(logger:_:)``
    ///   or ``makePostgresStore(logger:)``: its client must run while it is used).
    public func openStore() throws -> SQLiteStore {
        if Self.isPostgresURL(self.databasePath) {
            throw ConfigError("storage.database is a PostgreSQL URL: this needs a SQLite file (PostgreSQL stores are opened with withServerStore)")
        }
        return try SQLiteStore(path: self.databasePath, durability: self.durability, erasureKey: try self.ledger.erasureKey.map(ErasureKey.init(text:)))
    }

    /// The default opt-out deadline: `compliance.opt_out_deadline_business_days` on the review calendar.
    public var optOutDeadline: OptOutDeadlineFunction {
        DeadlineStatus.businessDays(self.ledger.optOutDeadlineBusinessDays, calendar: self.reviewCalendar)
    }
}
