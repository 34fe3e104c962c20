extension PostgresMigrations {
    /// v8-instances: the live `tocsin serve` instances (see the SQLite v8), so that several instances on
    /// one database share the sender limits.
    static let v8Instances = [
        """
        CREATE TABLE dispatch_instance (
            id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            started_at BIGINT NOT NULL,
            seen_at BIGINT NOT NULL
        )
        """
    ]
}
