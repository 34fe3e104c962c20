import TocsinStore

extension PostgresLedgerSQL {
    /// The only update `consent_event` accepts (SQLite's LedgerSQL.redaction): an erasure, which sets
    /// `erased_at`, replaces the number by `hmac:<keyed hash>` and blanks the personal fields, leaving every
    /// other column as it was. The key is read last, so any other update is refused as append-only.
    static let redactionOnly = """
        CREATE OR REPLACE FUNCTION consent_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL
                AND NEW.raw_text IS NULL AND NEW.source_url IS NULL AND NEW.ip IS NULL AND NEW.user_agent IS NULL
                AND NEW.id = OLD.id AND NEW.campaign_id IS NOT DISTINCT FROM OLD.campaign_id AND NEW.scope = OLD.scope
                AND NEW.action = OLD.action AND NEW.channel = OLD.channel AND NEW.source = OLD.source
                AND NEW.keyword IS NOT DISTINCT FROM OLD.keyword AND NEW.tier IS NOT DISTINCT FROM OLD.tier
                AND NEW.rule IS NOT DISTINCT FROM OLD.rule AND NEW.disclosure IS NOT DISTINCT FROM OLD.disclosure
                AND NEW.staff IS NOT DISTINCT FROM OLD.staff
                AND NEW.inbound_message_id IS NOT DISTINCT FROM OLD.inbound_message_id
                AND NEW.language IS NOT DISTINCT FROM OLD.language AND NEW.occurred_at = OLD.occurred_at
            THEN
                IF NEW.phone = 'hmac:' || tocsin_ledger_phone_key(OLD.phone, tocsin_ledger_key()) THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION 'consent_event is append-only (an erasure may only blank its personal fields)';
        END $$
        """

    /// TRUNCATE skips row triggers: refused on the chained tables and the ledger.
    static let noTruncate: [String] = [
        """
        CREATE FUNCTION tocsin_ledger_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
        """,
    ] + ["ledger_entry", "consent_event", "audit_event"].map { table in
        "CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION tocsin_ledger_no_truncate()"
    }

    /// Everything v4-ledger adds to the tables: functions, chain triggers, the redaction rule.
    static let v4: [String] = Self.functions
        + Self.chain(kind: "consent", fields: LedgerEncoding.consentFields)
        + Self.chain(kind: "audit", fields: LedgerEncoding.auditFields)
        + [Self.redactionOnly]
        + Self.noTruncate
}
