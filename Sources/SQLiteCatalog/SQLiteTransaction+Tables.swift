import Catalog
import Foundation
import GRDB

/// The rows pyiceberg's `SqlCatalog` reads as tables (it skips views written by other engines).
private let isTable = "(iceberg_type = 'TABLE' OR iceberg_type IS NULL)"

extension SQLiteTransaction {
    // MARK: Iceberg table pointers (pyiceberg SqlCatalog layout)

    func tableMetadataLocation(_ table: String) throws(CatalogError) -> String? {
        let (namespace, name) = try Self.split(table)
        return try run { db in
            try db.cachedString(
                sql: "SELECT metadata_location FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND \(isTable)",
                arguments: [SQLiteCatalogStore.icebergCatalogName, namespace, name])
        }
    }

    func swapTableMetadata(_ table: String, expected: String?, new: String) throws(CatalogError) {
        let (namespace, name) = try Self.split(table)
        let catalog = SQLiteCatalogStore.icebergCatalogName
        let swapped = try run { db in
            if let expected {
                try db.executeCached(
                    sql: """
                        UPDATE iceberg_tables SET metadata_location = ?, previous_metadata_location = metadata_location
                        WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND metadata_location = ? AND \(isTable)
                        """,
                    arguments: [new, catalog, namespace, name, expected])
                return db.changesCount > 0
            }
            try db.executeCached(
                sql: """
                    INSERT INTO iceberg_tables(catalog_name, table_namespace, table_name, metadata_location, previous_metadata_location, iceberg_type)
                    VALUES (?, ?, ?, ?, NULL, 'TABLE')
                    ON CONFLICT(catalog_name, table_namespace, table_name) DO NOTHING
                    """,
                arguments: [catalog, namespace, name, new])
            guard db.changesCount > 0 else { return false }
            for level in Self.namespaceLevels(namespace) {
                try db.executeCached(
                    sql: """
                        INSERT INTO iceberg_namespace_properties(catalog_name, namespace, property_key, property_value)
                        VALUES (?, ?, 'exists', 'true')
                        ON CONFLICT(catalog_name, namespace, property_key) DO NOTHING
                        """,
                    arguments: [catalog, level])
            }
            return true
        }
        guard swapped else {
            let current = try tableMetadataLocation(table)
            throw CatalogError(.conflict, "table changed since it was read (now at \(current ?? "nothing"), expected \(expected ?? "nothing"))",
                               context: table)
        }
    }

    func dropTable(_ table: String) throws(CatalogError) {
        let (namespace, name) = try Self.split(table)
        try update("DELETE FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND \(isTable)",
                   [SQLiteCatalogStore.icebergCatalogName, namespace, name],
                   missing: CatalogError(.notFound, "no table '\(table)'", context: table))
    }

    func tables(namespace: String?) throws(CatalogError) -> [String] {
        var filter = conditions(["catalog_name": SQLiteCatalogStore.icebergCatalogName, "table_namespace": namespace])
        filter.sql += " AND \(isTable)"
        return try run { db in
            try db.cachedRows(sql: "SELECT table_namespace, table_name FROM iceberg_tables\(filter.sql)", arguments: filter.arguments)
                .map { row -> String in (try row.value("table_namespace") as String) + "." + (try row.value("table_name") as String) }
                .sorted()
        }
    }

    /// `payments.transactions.refunds` → (`payments.transactions`, `refunds`): the namespace is
    /// everything before the last dot, as pyiceberg reads it.
    static func split(_ table: String) throws(CatalogError) -> (namespace: String, name: String) {
        guard let dot = table.lastIndex(of: "."), dot != table.startIndex, table.index(after: dot) != table.endIndex else {
            throw CatalogError(.invalid, "a table identifier needs a namespace and a name, like 'payments.transactions'", context: table)
        }
        return (String(table[..<dot]), String(table[table.index(after: dot)...]))
    }

    /// `a.b.c` → `a`, `a.b`, `a.b.c`: every namespace level pyiceberg can list.
    static func namespaceLevels(_ namespace: String) -> [String] {
        var levels: [String] = []
        var prefix = ""
        for part in namespace.split(separator: ".", omittingEmptySubsequences: false) {
            prefix = prefix.isEmpty ? String(part) : prefix + "." + part
            levels.append(prefix)
        }
        return levels
    }
}
