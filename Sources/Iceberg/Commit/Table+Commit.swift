import Foundation

extension Table {
    /// What one attempt of a commit produced: the new metadata and the files written for it
    /// (removed again when the attempt loses the race).
    struct CommitAttempt {
        var metadata: TableMetadata
        var writtenKeys: [String] = []
    }

    /// The version number of a metadata file named `NNNNN-<uuid>.metadata.json` (or `vN.metadata.json`).
    static func metadataVersion(_ location: String) -> Int? {
        let name = location.split(separator: "/").last.map(String.init) ?? location
        if name.hasPrefix("v") { return Int(name.dropFirst().prefix { $0.isNumber }) }
        return Int(name.prefix { $0.isNumber })
    }

    /// Commits metadata built by `apply` from the current base: writes the metadata file, then
    /// swaps the pointer. When another writer wins, the attempt's files are removed and, up to
    /// `retries` times (the `commit.retry.num-retries` table property when set), the table is
    /// reloaded after a short random pause (so racing writers spread out) and `apply` runs again
    /// on the new base (`apply` throws ``IcebergError/Kind/commitConflict`` when its change
    /// cannot be re-applied).
    mutating func commit(retries: Int = 8, _ apply: (TableMetadata) throws(IcebergError) -> CommitAttempt) throws(IcebergError) {
        var attempt = 0
        let retries = metadata.properties["commit.retry.num-retries"].flatMap { Int($0) }.map { max(0, $0) } ?? retries
        while true {
            var result = try apply(metadata)
            let version = (Self.metadataVersion(metadataLocation) ?? metadata.metadataLog.count) + 1
            let now = max(nowMs(), metadata.lastUpdatedMs)
            result.metadata.metadataLog.append(MetadataLogEntry(metadataFile: metadataLocation, timestampMs: metadata.lastUpdatedMs))
            result.metadata.lastUpdatedMs = max(now, result.metadata.lastUpdatedMs)
            let dropped = Self.trimMetadataLog(&result.metadata)
            let newKey = prefix + "metadata/" + TableMetadata.metadataFileName(version: version, uuid: freshUUID())
            try store.write(newKey, Array(result.metadata.jsonText.utf8), mode: .createOnly)
            let newLocation = store.location(of: newKey)
            do {
                try committer.swap(table: name, expected: metadataLocation, new: newLocation)
                metadata = result.metadata
                metadataLocation = newLocation
                removeOldMetadata(dropped)
                return
            } catch where error.kind == .commitConflict {
                try? store.delete(newKey)
                for key in result.writtenKeys { try? store.delete(key) }
                attempt += 1
                if attempt > retries || committer is StaticCommitter { throw error }
                // Up to 2, 4, 8... ms (at most 100), at random: writers that lost together do
                // not all come back at the same instant.
                Thread.sleep(forTimeInterval: Double(Int.random(in: 0...min(100, 1 << attempt))) / 1000)
                try refresh()
            }
        }
    }
}
