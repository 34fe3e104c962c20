extension Migrations {
    /// Alert calls: the campaign's patch-through target, the numbers that asked for no more calls (press 9),
    /// and an index for due calls.
    ///
    /// `voice_suppression` records the numbers that pressed 9 and the call they pressed it in; press 9 also
    /// suppresses the number org-wide in `suppression`, exactly like a texted STOP.
    static let v6Voice = """
        ALTER TABLE campaign ADD COLUMN call_target_name TEXT;
        ALTER TABLE campaign ADD COLUMN call_target_number TEXT;
        CREATE TABLE voice_suppression (
            phone TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            outbound_message_id INTEGER REFERENCES outbound_message(id),
            created_at INTEGER NOT NULL
        );
        CREATE INDEX outbound_calls_due ON outbound_message(status, send_after) WHERE lane = 'bulk' AND channel = 'voice';
        """
}
