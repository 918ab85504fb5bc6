import Catalog
import Iceberg

/// Lets the catalog store own every Iceberg table pointer: Iceberg commits swap the pointer
/// with ``CatalogStore``'s conditional `swapTableMetadata`, so a table's current metadata is
/// whatever the catalog says, and a lost race is a clean conflict.
///
/// Iceberg names a table by its folder in the warehouse (`payments/transactions`); the catalog
/// by its identifier (`payments.transactions`). Mesh names hold no dots or slashes, so the two
/// map one to one.
public struct StoreCommitter: CatalogCommitter {
    /// The catalog holding the pointers.
    public let store: any CatalogStore

    /// Creates a committer over `store`.
    public init(store: any CatalogStore) { self.store = store }

    /// The catalog identifier of a warehouse folder (`payments/transactions` → `payments.transactions`).
    public static func identifier(folder: String) -> String { folder.replacingOccurrences(of: "/", with: ".") }

    /// The warehouse folder of a catalog identifier (`payments.transactions` → `payments/transactions`).
    public static func folder(identifier: String) -> String { identifier.replacingOccurrences(of: ".", with: "/") }

    public func current(table: String) throws(IcebergError) -> String? {
        do {
            return try store.read { t throws(CatalogError) in try t.tableMetadataLocation(Self.identifier(folder: table)) }
        } catch {
            throw IcebergError(.storage, "cannot read the table pointer from the catalog: \(error.message)", context: table)
        }
    }

    public func swap(table: String, expected: String?, new: String) throws(IcebergError) {
        do {
            try store.write { t throws(CatalogError) in try t.swapTableMetadata(Self.identifier(folder: table), expected: expected, new: new) }
        } catch where error.kind == .conflict {
            throw IcebergError(.commitConflict, error.message, context: table)
        } catch {
            throw IcebergError(.storage, "cannot move the table pointer in the catalog: \(error.message)", context: table)
        }
    }
}
