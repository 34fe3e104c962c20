import GRDB

/// The schema, as named migrations. A migration is never edited once it has shipped; change the schema
/// with a new one. Migrations use raw SQL only, never application types.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-review-queue") { db in
            try db.execute(sql: v2)
        }
        migrator.registerMigration("v3-dispatch") { db in
            try db.execute(sql: v3)
        }
        // The tamper-evident ledger (see LedgerSQL and LedgerEncoding): the schema in raw SQL, then the rows
        // written before it are chained with the frozen version-1 encoding.
        migrator.registerMigration("v4-ledger") { db in
            try db.execute(sql: LedgerSQL.v4)
            try LedgerSQL.backfill(db)
        }
        migrator.registerMigration("v5-carriers") { db in
            try db.execute(sql: v5)
        }
        migrator.registerMigration("v6-voice") { db in
            try db.execute(sql: v6Voice)
        }
        migrator.registerMigration("v7-dispatch-indexes") { db in
            try db.execute(sql: v7)
        }
        migrator.registerMigration("v8-instances") { db in
            try db.execute(sql: v8Instances)
        }
        migrator.registerMigration("v9-dispatch-lease") { db in
            try db.execute(sql: v9DispatchLease)
        }
        migrator.registerMigration("v10-reply-status-index") { db in
            try db.execute(sql: v10ReplyStatusIndex)
        }
        migrator.registerMigration("v11-due-index") { db in
            try db.execute(sql: v11DueIndex)
        }
        return migrator
    }

    /// Subscribers, campaigns, subscriptions, the append-only consent ledger, the suppression list,
    /// inbound and outbound messages, the audit trail and API tokens. Times are milliseconds since 1970.
    static let v1 = """
        CREATE TABLE subscriber (
            id INTEGER PRIMARY KEY,
            phone TEXT NOT NULL UNIQUE,
            language TEXT,
            first_name TEXT,
            -- The most likely IANA zone of the number (recipient-local delivery, quiet hours).
            time_zone TEXT,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE campaign (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            program_name TEXT NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL DEFAULT '',
            purpose TEXT NOT NULL DEFAULT 'advocacy' CHECK (purpose IN ('advocacy', 'fundraising', 'commercial')),
            frequency TEXT NOT NULL,
            languages TEXT NOT NULL DEFAULT 'en',
            jurisdiction TEXT NOT NULL DEFAULT 'US',
            action_link TEXT,
            keywords TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        -- Join keywords of active campaigns: the primary key makes them unique across active campaigns.
        CREATE TABLE campaign_keyword (
            keyword TEXT PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE
        );
        CREATE TABLE subscription (
            subscriber_id INTEGER NOT NULL REFERENCES subscriber(id),
            campaign_id INTEGER NOT NULL REFERENCES campaign(id),
            channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'voice')),
            status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'opted_out')),
            consented INTEGER NOT NULL DEFAULT 0 CHECK (consented IN (0, 1)),
            joined_at INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY (subscriber_id, campaign_id, channel)
        );
        CREATE INDEX subscription_by_campaign ON subscription(campaign_id, channel, status, subscriber_id);
        -- Org-wide suppression: a row here means no message of any campaign or channel may go out,
        -- except the one opt-out confirmation.
        CREATE TABLE suppression (
            phone TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE inbound_message (
            id INTEGER PRIMARY KEY,
            carrier TEXT NOT NULL,
            carrier_message_id TEXT NOT NULL,
            from_phone TEXT NOT NULL,
            to_number TEXT NOT NULL,
            body TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            processed_at INTEGER NOT NULL,
            intent TEXT NOT NULL,
            tier TEXT NOT NULL,
            rule TEXT,
            language TEXT,
            campaign_id INTEGER REFERENCES campaign(id),
            disposition TEXT NOT NULL,
            carrier_handled TEXT,
            UNIQUE (carrier, carrier_message_id)
        );
        CREATE INDEX inbound_by_phone ON inbound_message(from_phone);
        -- Alerts campaigners schedule: templates per language, a schedule, an expiry.
        CREATE TABLE alert (
            id INTEGER PRIMARY KEY,
            campaign_id INTEGER NOT NULL REFERENCES campaign(id),
            name TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'voice')),
            bodies TEXT NOT NULL,
            schedule TEXT NOT NULL,
            expiry_seconds INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'cancelled', 'completed')),
            next_occurrence_at INTEGER,
            last_scheduled_at INTEGER,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX alert_by_next ON alert(status, next_occurrence_at);
        -- One row per materialised occurrence: the unique key makes each occurrence fan out exactly once;
        -- the cursor (last subscriber id written) lets a fan-out resume after a crash.
        CREATE TABLE alert_occurrence (
            id INTEGER PRIMARY KEY,
            alert_id INTEGER NOT NULL REFERENCES alert(id),
            occurrence_key TEXT NOT NULL,
            scheduled_at INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('fanning_out', 'done')),
            cursor INTEGER NOT NULL DEFAULT 0,
            recipients INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            completed_at INTEGER,
            UNIQUE (alert_id, occurrence_key)
        );
        CREATE TABLE outbound_message (
            id INTEGER PRIMARY KEY,
            phone TEXT NOT NULL,
            from_number TEXT NOT NULL,
            -- Replies are written when queued; alert bodies are rendered when sent (name, language).
            body TEXT,
            kind TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT 'sms' CHECK (channel IN ('sms', 'voice')),
            lane TEXT NOT NULL CHECK (lane IN ('reply', 'bulk')),
            campaign_id INTEGER REFERENCES campaign(id),
            alert_id INTEGER REFERENCES alert(id),
            occurrence_id INTEGER REFERENCES alert_occurrence(id),
            language TEXT,
            in_reply_to INTEGER REFERENCES inbound_message(id),
            status TEXT NOT NULL CHECK (status IN ('queued', 'deferred', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'suppressed', 'expired', 'cancelled')),
            reason TEXT,
            send_after INTEGER,
            expires_at INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_until INTEGER,
            carrier TEXT,
            carrier_message_id TEXT,
            created_at INTEGER NOT NULL,
            sent_at INTEGER,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX outbound_by_status ON outbound_message(status, lane, id);
        CREATE INDEX outbound_by_phone ON outbound_message(phone);
        CREATE INDEX outbound_by_occurrence ON outbound_message(occurrence_id, status) WHERE occurrence_id IS NOT NULL;
        -- The consent ledger: every opt-in, confirmation, opt-out and re-opt-in, with its evidence.
        CREATE TABLE consent_event (
            id INTEGER PRIMARY KEY,
            phone TEXT NOT NULL,
            campaign_id INTEGER REFERENCES campaign(id),
            scope TEXT NOT NULL CHECK (scope IN ('campaign', 'org')),
            action TEXT NOT NULL,
            channel TEXT NOT NULL DEFAULT 'sms',
            source TEXT NOT NULL,
            keyword TEXT,
            raw_text TEXT,
            tier TEXT,
            rule TEXT,
            source_url TEXT,
            ip TEXT,
            user_agent TEXT,
            disclosure TEXT,
            staff TEXT,
            inbound_message_id INTEGER REFERENCES inbound_message(id),
            language TEXT,
            occurred_at INTEGER NOT NULL
        );
        CREATE INDEX consent_by_phone ON consent_event(phone, id);
        CREATE TRIGGER consent_event_append_only_update BEFORE UPDATE ON consent_event
            BEGIN SELECT RAISE(ABORT, 'consent_event is append-only'); END;
        CREATE TRIGGER consent_event_append_only_delete BEFORE DELETE ON consent_event
            BEGIN SELECT RAISE(ABORT, 'consent_event is append-only'); END;
        -- The audit trail, written in the same transaction as the change it records.
        CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY,
            occurred_at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT,
            detail TEXT
        );
        CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
        CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
            BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
        CREATE TABLE api_token (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('admin', 'campaigner', 'compliance', 'intake')),
            token_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );
        """

    /// The review queue for ambiguous texts, with a deadline after which they count as opt-outs.
    static let v2 = """
        CREATE TABLE review_item (
            id INTEGER PRIMARY KEY,
            phone TEXT NOT NULL,
            inbound_message_id INTEGER NOT NULL UNIQUE REFERENCES inbound_message(id),
            status TEXT NOT NULL CHECK (status IN ('pending', 'opt_out', 'not_opt_out', 'expired_opt_out', 'superseded')),
            created_at INTEGER NOT NULL,
            deadline_at INTEGER NOT NULL,
            resolved_at INTEGER,
            resolved_by TEXT,
            reason TEXT
        );
        CREATE INDEX review_by_status ON review_item(status, deadline_at);
        CREATE INDEX review_by_phone ON review_item(phone, status);
        """

    /// The dispatcher: in-doubt marks for crash recovery, the opt-out reminder clock, pauses, and an index
    /// for due bulk rows per campaign.
    ///
    /// A message whose carrier call was in flight at a crash keeps status `failed` (the status CHECK of v1
    /// cannot change) with `in_doubt = 1` and a reason starting with `in doubt:`.
    static let v3 = """
        ALTER TABLE outbound_message ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE subscriber ADD COLUMN last_reminder_at INTEGER;
        CREATE INDEX outbound_bulk_due ON outbound_message(campaign_id, status, send_after) WHERE lane = 'bulk';
        CREATE INDEX outbound_in_doubt ON outbound_message(id) WHERE in_doubt = 1;
        -- Sending paused: campaign_id 0 pauses everything.
        CREATE TABLE dispatch_pause (
            campaign_id INTEGER PRIMARY KEY,
            paused_at INTEGER NOT NULL,
            actor TEXT NOT NULL
        );
        """

    /// Real carriers: delivery receipts find their message by (carrier, carrier message id), and receipts
    /// that arrive before the send is recorded wait in `carrier_receipt_pending` (at most a day).
    static let v5 = """
        CREATE INDEX outbound_by_carrier_id ON outbound_message(carrier, carrier_message_id)
            WHERE carrier_message_id IS NOT NULL;
        CREATE TABLE carrier_receipt_pending (
            carrier TEXT NOT NULL,
            carrier_message_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'delivered', 'undelivered', 'failed')),
            rank INTEGER NOT NULL,
            carrier_status TEXT NOT NULL,
            error_code TEXT,
            opted_out INTEGER NOT NULL DEFAULT 0 CHECK (opted_out IN (0, 1)),
            received_at INTEGER NOT NULL,
            PRIMARY KEY (carrier, carrier_message_id)
        );
        CREATE INDEX carrier_receipt_pending_by_time ON carrier_receipt_pending(received_at);
        """

    /// No query reads `outbound_by_occurrence` (alert progress and cancels go by alert), yet every status
    /// change of a message rewrote its entry: two index updates per sent message for nothing (about a fifth of
    /// the SQLite time of a claim and its record, measured on a 100,000-message occurrence).
    static let v7 = """
        DROP INDEX outbound_by_occurrence;
        """
}
