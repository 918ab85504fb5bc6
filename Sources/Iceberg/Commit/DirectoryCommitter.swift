import Foundation

/// A committer for tables stored as bare directories in an ``ObjectStore`` (no catalog).
///
/// `table` is the table's folder inside the store (`""` for the store's root). Each commit
/// claims the next version number by creating `metadata/commit-NNNNNNNNNN.pointer` (holding the
/// new metadata location) with ``WriteMode/createOnly``, which on a local filesystem is a
/// `link()` that fails atomically when the name exists. So:
/// - exactly one writer wins each version number; a loser gets ``IcebergError/Kind/commitConflict``
///   and the table is unchanged;
/// - the current metadata is the one named by the highest claimed version, and a claim is
///   complete when it appears (written to a temporary file and flushed before the link), so a
///   reader sees the old or the new table, never a partial commit;
/// - `metadata/version-hint.text` holds a recent version number to start the search from; it
///   is only a hint (a stale hint is corrected by probing the following numbers).
public struct DirectoryCommitter: CatalogCommitter {
    /// The store holding the tables.
    public let store: any ObjectStore

    /// Creates a committer over `store`.
    public init(store: any ObjectStore) { self.store = store }

    static func claimKey(_ table: String, _ version: Int) -> String {
        let v = String(version)
        return prefix(table) + "metadata/commit-" + String(repeating: "0", count: max(0, 10 - v.count)) + v + ".pointer"
    }

    static func prefix(_ table: String) -> String { table.isEmpty ? "" : table + "/" }

    /// The highest claimed version and the location it holds.
    func latest(_ table: String) throws(IcebergError) -> (version: Int, location: String)? {
        let hintKey = Self.prefix(table) + "metadata/version-hint.text"
        var start = 0
        if let bytes = try? store.read(hintKey), let n = Int(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)), n >= 0 {
            start = n
        }
        // A hint ahead of the claims (should not happen) falls back to a listing.
        if start > 0, !store.exists(Self.claimKey(table, start)) {
            let claims = try store.list(prefix: Self.prefix(table) + "metadata/commit-")
            start = claims.compactMap { Int($0.split(separator: "-").last!.dropLast(".pointer".count)) }.max() ?? 0
        }
        var found: Int? = store.exists(Self.claimKey(table, start)) ? start : nil
        var next = start + 1
        while store.exists(Self.claimKey(table, next)) {
            found = next
            next += 1
        }
        guard let version = found else { return nil }
        let location = String(decoding: try store.read(Self.claimKey(table, version)), as: UTF8.self)
        return (version, location)
    }

    public func current(table: String) throws(IcebergError) -> String? { try latest(table)?.location }

    public func swap(table: String, expected: String?, new: String) throws(IcebergError) {
        let head = try latest(table)
        guard head?.location == expected else {
            throw IcebergError(.commitConflict, "table changed since it was read (now at \(head?.location ?? "nothing"), expected \(expected ?? "nothing"))", context: table)
        }
        let version = head.map { $0.version + 1 } ?? 0
        do {
            try store.write(Self.claimKey(table, version), Array(new.utf8), mode: .createOnly)
        } catch where error.kind == .alreadyExists {
            throw IcebergError(.commitConflict, "another writer committed version \(version) first", context: table)
        }
        try? store.write(Self.prefix(table) + "metadata/version-hint.text", Array(String(version).utf8), mode: .overwrite)
    }
}
