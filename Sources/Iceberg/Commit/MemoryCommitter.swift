import Synchronization

/// A committer keeping the metadata pointers in memory (tests, scratch tables).
public final class MemoryCommitter: CatalogCommitter {
    private let pointers = Mutex<[String: String]>([:])

    /// Creates a committer with no tables.
    public init() {}

    public func current(table: String) throws(IcebergError) -> String? { pointers.withLock { $0[table] } }

    public func swap(table: String, expected: String?, new: String) throws(IcebergError) {
        let actual: String?? = pointers.withLock { pointers -> String?? in
            guard pointers[table] == expected else { return .some(pointers[table]) }
            pointers[table] = new
            return .none
        }
        if case .some(let found) = actual {
            throw IcebergError(.commitConflict, "table changed since it was read (now at \(found ?? "nothing"), expected \(expected ?? "nothing"))", context: table)
        }
    }
}
