import Catalog
import Synchronization

/// Answers of the service's hot catalog lookups (the principal a token names, products,
/// domains, contracts, grants, the policy engine in force, a table's current metadata), kept
/// while nothing in the catalog changes.
///
/// Every lookup first asks the store for its ``CatalogStore/changeStamp()``; when that differs
/// from the stamp the entries were read under, every entry is dropped. Because the stamp moves
/// on every catalog change by any process sharing the store (the SQLite store's change counter,
/// which this process's writes raise at once and which is read for other processes' at most a
/// millisecond late), a server does not keep answering from a record that a `mesh` command on the
/// same directory has since changed. When the stamp cannot be read the lookup goes to the store.
final class CatalogReadCache: Sendable {
    /// What a cached answer is.
    enum Kind: UInt8, Sendable {
        case token, product, domain, contract, grants, policyEngine, table
        /// What an Iceberg load-table needs (table, product, domain, owner audit detail).
        case catalogLoad
        /// A front end's rendering of catalog state (see ``MeshService/memoized(_:_:)``).
        case rendering
    }

    private struct Key: Hashable {
        let kind: Kind
        let name: String
    }

    private struct State {
        var stamp: UInt64?
        var entries: [Key: any Sendable] = [:]
    }

    /// The most entries kept; the cache empties when it fills.
    static let capacity = 4096

    private let state = Mutex(State())
    private let store: any CatalogStore

    /// Creates an empty cache of `store`'s records.
    init(store: any CatalogStore) { self.store = store }

    /// The cached answer for `kind` and `name`, or `load`'s, remembered under the current stamp.
    func value<T: Sendable>(_ kind: Kind, _ name: String, load: () throws(MeshError) -> T) throws(MeshError) -> T {
        guard let stamp = try? store.changeStamp() else { return try load() }
        let key = Key(kind: kind, name: name)
        let hit: T? = state.withLock { s in
            if s.stamp != stamp {
                s.stamp = stamp
                s.entries.removeAll(keepingCapacity: true)
                return nil
            }
            // Look the entry up before casting: a missing entry cast to an optional `T`
            // would come back as a hit holding nil.
            guard let entry = s.entries[key] else { return nil }
            return entry as? T
        }
        if let hit { return hit }
        let loaded = try load()
        state.withLock { s in
            // Keep it only if nothing was committed since the stamp it was read under.
            guard s.stamp == stamp else { return }
            if s.entries.count >= Self.capacity { s.entries.removeAll(keepingCapacity: true) }
            s.entries[key] = loaded
        }
        return loaded
    }
}
