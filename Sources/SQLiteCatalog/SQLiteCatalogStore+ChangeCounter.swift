import GRDB

extension SQLiteCatalogStore {
    /// The tables whose changes do not move the change counter: the audit log (written on every
    /// read, and never cached) and the bookkeeping tables themselves.
    static let uncountedTables: Set<String> = ["audit_log", "catalog_changes", "grdb_migrations"]

    /// Schema version 3: `catalog_changes`, one counter that triggers on every catalog table
    /// except the audit log move on each insert, update and delete, whoever writes (this
    /// process, another `mesh` process, or pyiceberg's `SqlCatalog` committing a table pointer).
    /// ``changeStamp()`` reads it, so caches of catalog reads survive the audit entries every
    /// read writes.
    ///
    /// A migration that adds a table must call ``installChangeTriggers(_:)`` after creating it
    /// (a test checks that every table is counted).
    static func migrateV3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE catalog_changes (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                counter INTEGER NOT NULL
            );
            INSERT INTO catalog_changes (id, counter) VALUES (1, 0);
            """)
        try installChangeTriggers(db)
    }

    /// Creates the insert, update and delete triggers that move `catalog_changes.counter` on
    /// every counted table that lacks them (full-text index tables are covered by
    /// `search_documents`, which changes with them).
    static func installChangeTriggers(_ db: Database) throws {
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index%'
            ORDER BY name
            """).filter { !uncountedTables.contains($0) }
        for table in tables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER IF NOT EXISTS "count_\(table)_\(event.lowercased())" AFTER \(event) ON "\(table)"
                    BEGIN UPDATE catalog_changes SET counter = counter + 1 WHERE id = 1; END
                    """)
            }
        }
    }
}
