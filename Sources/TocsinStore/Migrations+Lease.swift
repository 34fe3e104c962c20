extension Migrations {
    /// The leases of the bulk texts being sent: one row per claimed message, written by the claim and deleted
    /// with the message's outcome, in one transaction each. A leased message keeps its `queued` (or
    /// `deferred`) row untouched until its outcome is recorded, so a claim writes a small row instead of
    /// moving the message through the outbox's status indexes twice; readers report it as `sending`.
    ///
    /// The lease carries what the claim decided: the rendered body (NULL once the number is erased) and the
    /// attempt count. After a crash, the leases left are the messages whose carrier call may have been in flight.
    static let v9DispatchLease = """
        CREATE TABLE dispatch_lease (
            message_id INTEGER PRIMARY KEY REFERENCES outbound_message(id),
            leased_at INTEGER NOT NULL,
            lease_until INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            body TEXT
        );
        """
}
