import Foundation

extension Table {
    /// Table property: delete metadata files that fall out of the metadata log after a commit.
    public static let deleteMetadataAfterCommitProperty = "write.metadata.delete-after-commit.enabled"
    /// Table property: how many previous metadata files the metadata log keeps (default 100).
    public static let previousMetadataVersionsMaxProperty = "write.metadata.previous-versions-max"
    /// The default of ``previousMetadataVersionsMaxProperty``, as in other implementations.
    public static let defaultPreviousMetadataVersionsMax = 100

    /// How many previous metadata files `metadata`'s log keeps (at least 1).
    static func previousVersionsMax(_ metadata: TableMetadata) -> Int {
        let value = metadata.properties[previousMetadataVersionsMaxProperty].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return max(1, value ?? defaultPreviousMetadataVersionsMax)
    }

    /// Whether `metadata` asks for old metadata files to be deleted after a commit.
    static func deletesMetadataAfterCommit(_ metadata: TableMetadata) -> Bool {
        metadata.properties[deleteMetadataAfterCommitProperty]?.trimmingCharacters(in: .whitespaces).lowercased() == "true"
    }

    /// Trims `metadata`'s log to its previous-versions limit, oldest first; returns the
    /// entries removed.
    static func trimMetadataLog(_ metadata: inout TableMetadata) -> [MetadataLogEntry] {
        let keep = previousVersionsMax(metadata)
        guard metadata.metadataLog.count > keep else { return [] }
        let dropped = Array(metadata.metadataLog.prefix(metadata.metadataLog.count - keep))
        metadata.metadataLog.removeFirst(dropped.count)
        return dropped
    }

    /// After a commit, deletes the metadata files `dropped` from the log (never the current
    /// one nor one still in the log) and, for a ``DirectoryCommitter``, the pointer claims
    /// older than those the kept files need. Failures are ignored: a file left behind is an
    /// orphan no reader follows.
    func removeOldMetadata(_ dropped: [MetadataLogEntry]) {
        guard Self.deletesMetadataAfterCommit(metadata), !dropped.isEmpty else { return }
        let kept = Set(metadata.metadataLog.map(\.metadataFile)).union([metadataLocation])
        for entry in dropped where !kept.contains(entry.metadataFile) {
            if let key = store.key(of: entry.metadataFile) { try? store.delete(key) }
        }
        if let directory = committer as? DirectoryCommitter {
            // One claim per commit: the kept log entries and the current file need at most
            // that many newest claims (plus one for the current version).
            directory.removeOldClaims(table: name, keepingNewest: metadata.metadataLog.count + 1)
        }
    }
}

extension DirectoryCommitter {
    /// Deletes all but the newest `count` (at least 1) pointer claims of `table`. The current
    /// claim is always among those kept, so readers are unaffected; a stale version hint falls
    /// back to listing the claims that remain.
    public func removeOldClaims(table: String, keepingNewest count: Int) {
        guard let claims = try? store.list(prefix: Self.prefix(table) + "metadata/commit-") else { return }
        let versioned = claims.compactMap { key -> (Int, String)? in
            guard let name = key.split(separator: "/").last, name.hasPrefix("commit-"), name.hasSuffix(".pointer"),
                  let v = Int(name.dropFirst("commit-".count).dropLast(".pointer".count)) else { return nil }
            return (v, key)
        }.sorted { $0.0 < $1.0 }
        for (_, key) in versioned.dropLast(max(1, count)) { try? store.delete(key) }
    }
}
