import Catalog
import GRDB

extension SQLiteCatalogStore {
    /// The schema's migrations, one per schema version, applied in order and recorded in
    /// `grdb_migrations`. Never edit a released migration: add `v2-…` and so on.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog") { db in try db.execute(sql: schemaV1) }
        migrator.registerMigration("v2-training-sets-and-models") { db in try db.execute(sql: schemaV2) }
        migrator.registerMigration("v3-change-counter") { db in try migrateV3(db) }
        return migrator
    }

    /// Refuses a database from a newer release, then applies the pending migrations (opening an
    /// up-to-date catalog writes nothing, so it does not wait for another process's writes).
    static func migrate(_ writer: any DatabaseWriter, path: String) throws(CatalogError) {
        let migrator = migrator
        do {
            let applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations).sorted()
            if !unknown.isEmpty {
                throw CatalogError(
                    .storage,
                    "the catalog was written by a newer Meshwork release (schema migration \(unknown.map { "'\($0)'" }.joined(separator: ", ")) "
                        + "is unknown to this one); use a newer `mesh` to open it",
                    context: path)
            }
            if Set(migrator.migrations).isSubset(of: applied) { return }
            do {
                try migrator.migrate(writer)
            } catch {
                // Another process creating the same catalog at the same moment may have applied
                // the migrations first; then there is nothing left to do.
                let now = try writer.read { db in try migrator.appliedIdentifiers(db) }
                if !Set(migrator.migrations).isSubset(of: now) { throw error }
            }
        } catch let error as CatalogError {
            throw error
        } catch {
            let mapped = catalogError(error, location: path)
            throw CatalogError(mapped.kind, "cannot prepare the catalog schema: \(mapped.message)", context: path)
        }
    }

    /// Schema version 1.
    ///
    /// Dates are REAL seconds since 2001-01-01T00:00:00Z (Foundation's reference date), which
    /// round-trips a `Date` exactly; in SQL, `datetime(x + 978307200, 'unixepoch')` shows one.
    /// Arrays and dictionaries are JSON text. Foreign keys are checked immediately, so a parent
    /// (domain, product, event) is inserted before the records that refer to it.
    /// `iceberg_tables` and `iceberg_namespace_properties` are pyiceberg `SqlCatalog`'s (schema v1).
    static let schemaV1 = """
        CREATE TABLE settings (
            key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE domains (
            name TEXT NOT NULL PRIMARY KEY,
            owner TEXT NOT NULL,
            description TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE TABLE principals (
            name TEXT NOT NULL PRIMARY KEY,
            roles TEXT NOT NULL,
            team TEXT,
            created_at REAL NOT NULL
        );
        CREATE TABLE tokens (
            hash TEXT NOT NULL PRIMARY KEY,
            principal TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL
        );
        CREATE INDEX tokens_by_principal ON tokens(principal);
        CREATE TABLE products (
            id TEXT NOT NULL PRIMARY KEY,
            domain TEXT NOT NULL REFERENCES domains(name),
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            owner TEXT NOT NULL,
            status TEXT NOT NULL,
            tags TEXT NOT NULL,
            tables TEXT NOT NULL,
            contract_version TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX products_by_domain ON products(domain, id);
        CREATE TABLE contracts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            product_id TEXT NOT NULL REFERENCES products(id),
            version TEXT NOT NULL,
            yaml TEXT NOT NULL,
            registered_at REAL NOT NULL,
            registered_by TEXT NOT NULL,
            UNIQUE (product_id, version)
        );
        CREATE INDEX contracts_by_product ON contracts(product_id, id);
        CREATE TABLE product_versions (
            product_id TEXT NOT NULL REFERENCES products(id),
            version INTEGER NOT NULL,
            tag TEXT NOT NULL,
            snapshots TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            added_rows INTEGER NOT NULL,
            mode TEXT NOT NULL,
            contract_version TEXT NOT NULL,
            published_at REAL NOT NULL,
            published_by TEXT NOT NULL,
            newest_event_time REAL,
            statistics TEXT NOT NULL,
            checks TEXT NOT NULL,
            inputs TEXT NOT NULL,
            status TEXT NOT NULL,
            revoked_reason TEXT,
            PRIMARY KEY (product_id, version)
        ) WITHOUT ROWID;
        CREATE TABLE rejected_publishes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            product_id TEXT NOT NULL REFERENCES products(id),
            attempted_at REAL NOT NULL,
            attempted_by TEXT NOT NULL,
            contract_version TEXT NOT NULL,
            row_count INTEGER NOT NULL,
            checks TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX rejected_publishes_by_product ON rejected_publishes(product_id, id);
        CREATE TABLE subscriptions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            product_id TEXT NOT NULL REFERENCES products(id),
            consumer TEXT NOT NULL,
            purpose TEXT NOT NULL,
            major_version INTEGER,
            webhook_url TEXT,
            webhook_secret TEXT,
            created_at REAL NOT NULL
        );
        CREATE INDEX subscriptions_by_product ON subscriptions(product_id, id);
        CREATE INDEX subscriptions_by_consumer ON subscriptions(consumer, id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time REAL NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            product_id TEXT,
            version INTEGER,
            message TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX events_by_product ON events(product_id, id);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id INTEGER NOT NULL REFERENCES events(id),
            recipient TEXT NOT NULL,
            role TEXT NOT NULL,
            channel TEXT NOT NULL,
            url TEXT,
            subscription_id INTEGER,
            status TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            last_error TEXT,
            next_attempt_at REAL,
            delivered_at REAL
        );
        CREATE INDEX deliveries_by_event ON deliveries(event_id, id);
        CREATE INDEX deliveries_by_recipient ON deliveries(recipient, event_id);
        CREATE INDEX deliveries_due ON deliveries(next_attempt_at) WHERE channel = 'webhook' AND status = 'pending';
        CREATE TABLE grants (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            product_id TEXT NOT NULL REFERENCES products(id),
            principal TEXT NOT NULL,
            purpose TEXT NOT NULL,
            clearance TEXT,
            granted_by TEXT NOT NULL,
            granted_at REAL NOT NULL,
            expires_at REAL,
            request_id INTEGER
        );
        CREATE INDEX grants_by_product ON grants(product_id, id);
        CREATE INDEX grants_by_principal ON grants(principal, id);
        CREATE TABLE access_requests (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            product_id TEXT NOT NULL REFERENCES products(id),
            principal TEXT NOT NULL,
            purpose TEXT NOT NULL,
            justification TEXT NOT NULL,
            status TEXT NOT NULL,
            requested_at REAL NOT NULL,
            decided_by TEXT,
            decided_at REAL,
            expires_at REAL
        );
        CREATE INDEX access_requests_by_status ON access_requests(status, id);
        CREATE TABLE policies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            scope TEXT NOT NULL,
            version TEXT NOT NULL,
            yaml TEXT NOT NULL,
            applied_at REAL NOT NULL,
            applied_by TEXT NOT NULL
        );
        CREATE INDEX policies_by_scope ON policies(scope, id);
        CREATE TABLE lineage_edges (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            upstream_kind TEXT NOT NULL,
            upstream_key TEXT NOT NULL,
            downstream_kind TEXT NOT NULL,
            downstream_key TEXT NOT NULL,
            relation TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (upstream_kind, upstream_key, downstream_kind, downstream_key, relation)
        );
        CREATE INDEX lineage_by_downstream ON lineage_edges(downstream_kind, downstream_key, id);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time REAL NOT NULL,
            principal TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            purpose TEXT,
            allowed INTEGER NOT NULL,
            detail TEXT NOT NULL
        );
        CREATE INDEX audit_by_principal ON audit_log(principal, id);
        CREATE INDEX audit_by_target ON audit_log(target, id);
        CREATE TABLE search_documents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            UNIQUE (kind, key)
        );
        CREATE VIRTUAL TABLE search_index USING fts5(
            title, body,
            content = 'search_documents', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER search_documents_inserted AFTER INSERT ON search_documents BEGIN
            INSERT INTO search_index(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TRIGGER search_documents_deleted AFTER DELETE ON search_documents BEGIN
            INSERT INTO search_index(search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        END;
        CREATE TRIGGER search_documents_updated AFTER UPDATE ON search_documents BEGIN
            INSERT INTO search_index(search_index, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
            INSERT INTO search_index(rowid, title, body) VALUES (new.id, new.title, new.body);
        END;
        CREATE TABLE iceberg_tables (
            catalog_name VARCHAR(255) NOT NULL,
            table_namespace VARCHAR(255) NOT NULL,
            table_name VARCHAR(255) NOT NULL,
            metadata_location VARCHAR(1000),
            previous_metadata_location VARCHAR(1000),
            iceberg_type VARCHAR(5),
            PRIMARY KEY (catalog_name, table_namespace, table_name)
        );
        CREATE TABLE iceberg_namespace_properties (
            catalog_name VARCHAR(255) NOT NULL,
            namespace VARCHAR(255) NOT NULL,
            property_key VARCHAR(255) NOT NULL,
            property_value VARCHAR(1000) NOT NULL,
            PRIMARY KEY (catalog_name, namespace, property_key)
        );
        """
}
