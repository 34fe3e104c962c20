extension Migrations {
    /// The live `tocsin serve` instances, so that several on one database share the sender limits: each
    /// heartbeats its row (`seen_at`), and a heartbeat deletes the rows of instances it finds dead.
    static let v8Instances = """
        CREATE TABLE dispatch_instance (
            id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            seen_at INTEGER NOT NULL
        );
        """
}
