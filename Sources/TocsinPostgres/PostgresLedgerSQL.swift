import TocsinStore

/// The ledger on PostgreSQL: plpgsql triggers that append the same entries as SQLite's (LedgerEncoding's
/// frozen version-1 text, byte for byte, and the same chain hash), so one verifier serves both engines.
///
/// The erasure key reaches the triggers per transaction: the store's transaction wrapper sets
/// `tocsin.ledger_key` (hex, transaction-local) before anything else, and the triggers raise when it is
/// missing, so nothing (psql included) adds a consent or audit row without its entry. Appends take a
/// transaction-scoped advisory lock, so several instances never fork the chain. pgcrypto gives `hmac()`.
enum PostgresLedgerSQL {
    /// The advisory lock key that serializes appends to the chain ("tocsinL" in ASCII).
    static let lockKey: Int64 = 0x74_6F63_7369_6E4C

    /// Each column of an entry as a SQL expression over the row `r` (the key is `key`), in entry order.
    static func entryExpression(kind: String, fields: [LedgerEncoding.Field]) -> String {
        var parts = [#"'{"v":1,"seq":' || seq || ',"kind":"\#(kind)","id":' || r.id || ',"at":' || r.occurred_at"#]
        var personal: [String] = []
        for field in fields {
            let column = "r.\(field.column)"
            let value: String
            switch field.treatment {
            case .personal:
                personal.append(column)
                continue
            case .clear: value = "tocsin_ledger_json(\(column))"
            case .phoneKey: value = "tocsin_ledger_json(tocsin_ledger_phone_key(\(column)::text, key))"
            case .digest: value = "tocsin_ledger_json(encode(sha256(convert_to(\(column)::text, 'UTF8')), 'hex'))"
            }
            parts.append(#"',"\#(field.key)":' || \#(value)"#)
        }
        let list = personal.map { "tocsin_ledger_json(\($0)::text)" }.joined(separator: " || ',' || ")
        let hashed = personal.isEmpty
            ? "'null'"
            : #"CASE WHEN num_nonnulls(\#(personal.joined(separator: ", "))) = 0 THEN 'null' ELSE '"' || tocsin_ledger_hmac('[' || \#(list) || ']', key) || '"' END"#
        parts.append(#"',"\#(LedgerEncoding.personalKey)":' || \#(hashed) || '}'"#)
        return parts.joined(separator: "\n        || ")
    }

    /// The function computing one kind's entry text, and the trigger function appending it.
    static func chain(kind: String, fields: [LedgerEncoding.Field]) -> [String] {
        let table = "\(kind)_event"
        return [
            """
            CREATE FUNCTION tocsin_ledger_\(kind)_entry(seq BIGINT, r \(table), key BYTEA) RETURNS TEXT
                LANGUAGE sql IMMUTABLE AS $$
                SELECT \(self.entryExpression(kind: kind, fields: fields))
            $$
            """,
            """
            CREATE FUNCTION \(table)_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                key BYTEA := tocsin_ledger_key();
                head RECORD;
                entry TEXT;
            BEGIN
                head := tocsin_ledger_head();
                entry := tocsin_ledger_\(kind)_entry(head.seq, NEW, key);
                INSERT INTO ledger_entry (seq, kind, source_id, entry, hash)
                    VALUES (head.seq, '\(kind)', NEW.id, entry, tocsin_ledger_hash(head.prev, entry));
                RETURN NULL;
            END $$
            """,
            "CREATE TRIGGER \(table)_ledger AFTER INSERT ON \(table) FOR EACH ROW EXECUTE FUNCTION \(table)_ledger()",
        ]
    }

    /// The helpers every entry uses: the key, JSON strings, keyed hashes, the chain hash and the chain head.
    static let functions = [
        "CREATE EXTENSION IF NOT EXISTS pgcrypto",
        """
        CREATE FUNCTION tocsin_ledger_key() RETURNS BYTEA LANGUAGE plpgsql STABLE AS $$
        DECLARE
            hex TEXT := current_setting('tocsin.ledger_key', true);
        BEGIN
            IF hex IS NULL OR hex = '' THEN
                RAISE EXCEPTION 'no ledger key in this transaction: consent and audit rows are written by Tocsin, which chains each one into ledger_entry'
                    USING ERRCODE = 'insufficient_privilege',
                    HINT = 'write through Tocsin (its transactions set tocsin.ledger_key); rows written around it would break the ledger';
            END IF;
            RETURN decode(hex, 'hex');
        END $$
        """,
        // A JSON string as JSONText.quote writes it: `"` and `\` escaped, \n \r \t short, other control
        // characters as \u00xx (lowercase hex), everything else as it is; NULL as null.
        #"""
        CREATE FUNCTION tocsin_ledger_json(value TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            out TEXT;
            code INTEGER;
        BEGIN
            IF value IS NULL THEN RETURN 'null'; END IF;
            out := replace(replace(value, '\', '\\'), '"', '\"');
            IF out ~ '[\x01-\x1f]' THEN
                out := replace(replace(replace(out, E'\n', '\n'), E'\r', '\r'), E'\t', '\t');
                FOR code IN 1..31 LOOP
                    out := replace(out, chr(code), '\u' || lpad(to_hex(code), 4, '0'));
                END LOOP;
            END IF;
            RETURN '"' || out || '"';
        END $$
        """#,
        "CREATE FUNCTION tocsin_ledger_json(value BIGINT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(value::text, 'null') $$",
        """
        CREATE FUNCTION tocsin_ledger_hmac(value TEXT, key BYTEA) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
            SELECT encode(hmac(convert_to(value, 'UTF8'), key, 'sha256'), 'hex')
        $$
        """,
        // LedgerEncoding.phoneKey: an erased row's `hmac:<hash>[#id]` is its hash already.
        """
        CREATE FUNCTION tocsin_ledger_phone_key(stored TEXT, key BYTEA) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN starts_with(stored, 'hmac:') THEN split_part(substr(stored, 6), '#', 1)
                ELSE tocsin_ledger_hmac(stored, key) END
        $$
        """,
        """
        CREATE FUNCTION tocsin_ledger_hash(previous TEXT, entry TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
            SELECT encode(sha256(convert_to(previous || E'\\n' || entry, 'UTF8')), 'hex')
        $$
        """,
        // The next sequence number and the previous hash, under the append lock (held to the end of the
        // transaction, so the next appender reads this transaction's entry once it has committed).
        """
        CREATE FUNCTION tocsin_ledger_head(OUT seq BIGINT, OUT prev TEXT) LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(\(Self.lockKey));
            SELECT l.seq + 1, l.hash INTO seq, prev FROM ledger_entry l ORDER BY l.seq DESC LIMIT 1;
            IF NOT FOUND THEN
                seq := 1;
                prev := '\(LedgerEncoding.genesis)';
            END IF;
        END $$
        """,
    ]
}
