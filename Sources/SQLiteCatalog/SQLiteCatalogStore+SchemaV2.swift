extension SQLiteCatalogStore {
    /// Schema version 2: training sets and models, and the index that walks lineage downstream
    /// (revocation's impact analysis) without a table scan.
    ///
    /// Conventions as in ``schemaV1``: dates are REAL seconds since 2001-01-01T00:00:00Z, arrays
    /// are JSON text.
    static let schemaV2 = """
        CREATE TABLE training_sets (
            name TEXT NOT NULL PRIMARY KEY,
            spec_yaml TEXT NOT NULL,
            spec_hash TEXT NOT NULL,
            output_table TEXT NOT NULL,
            manifest TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            inputs TEXT NOT NULL,
            owner TEXT NOT NULL,
            built_at REAL NOT NULL,
            built_by TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE models (
            name TEXT NOT NULL PRIMARY KEY,
            training_set TEXT NOT NULL REFERENCES training_sets(name),
            metrics TEXT NOT NULL,
            owner TEXT NOT NULL,
            registered_at REAL NOT NULL,
            registered_by TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX models_by_training_set ON models(training_set, name);
        CREATE INDEX lineage_by_upstream ON lineage_edges(upstream_kind, upstream_key, id);
        """
}
