extension PostgresMigrations {
    /// v9-dispatch-lease: the table the SQLite store leases bulk texts in (see the SQLite v9). PostgreSQL
    /// keeps marking claimed rows `sending` (instances claim with `FOR UPDATE SKIP LOCKED` on those rows),
    /// so the table stays empty here; it exists so that both engines have one schema.
    static let v9DispatchLease = [
        """
        CREATE TABLE dispatch_lease (
            message_id BIGINT PRIMARY KEY REFERENCES outbound_message(id),
            leased_at BIGINT NOT NULL,
            lease_until BIGINT NOT NULL,
            attempts INTEGER NOT NULL,
            body TEXT
        )
        """
    ]
}

extension PostgresMigrations {
    /// v10-reply-status-index: on SQLite, `outbound_by_status` keeps only replies (bulk texts are leased, not
    /// moved to `sending`). PostgreSQL still claims bulk rows by marking them `sending` and recovers expired
    /// claims by that status, so its index keeps every lane: the migration changes nothing here.
    static let v10ReplyStatusIndex: [String] = []

    /// v11-due-index: on SQLite, `outbound_bulk_due` keeps only the rows still to send. PostgreSQL claims bulk
    /// rows by status and reads its index with bound statuses (which a partial index would not serve), so it
    /// keeps the full index: the migration changes nothing here.
    static let v11DueIndex: [String] = []
}
