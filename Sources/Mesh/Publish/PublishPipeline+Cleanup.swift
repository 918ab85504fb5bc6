import Foundation
import Iceberg

/// What ``PublishPipeline/cleanStaleBranches(table:now:)`` removed.
public struct StalePublishCleanup: Sendable, Hashable {
    /// The abandoned staging branches removed.
    public var branches: [String]
    /// The store keys of the abandoned data files deleted.
    public var deletedFiles: [String]
}

extension PublishPipeline {
    /// Removes what crashed publishes left behind: staging branches `publish-*` older than
    /// ``staleAfter`` and the data files of abandoned publishes that no published snapshot uses.
    ///
    /// A publish names its branch `publish-<tag>-<ms>-<random>` and its files
    /// `publish-<ms>-<random>-<uuid>.parquet`, `<ms>` being its start time. A crash after the
    /// files were written but before the publish commit leaves the files (and maybe the branch);
    /// the publish commit itself removes the branch atomically, so a leftover branch was never
    /// published. A file is deleted only when its publish started more than ``staleAfter`` ago,
    /// no remaining `publish-*` branch has its id, and no snapshot reachable from a remaining
    /// branch or tag, or ever current on `main`, lists it. The service calls this before a publish.
    @discardableResult
    public func cleanStaleBranches(table: inout Table, now: Date = Date()) throws(MeshError) -> StalePublishCleanup {
        try Self.iceberg { () throws(IcebergError) in try table.refresh() }
        let cutoff = Int64(((now.timeIntervalSince1970 - staleAfter) * 1000).rounded())
        var removed: [String] = []
        for (name, ref) in table.metadata.refs.sorted(by: { $0.key < $1.key }) where ref.kind == .branch && name.hasPrefix("publish-") {
            let started = Self.publishStart(branch: name) ?? table.metadata.snapshot(id: ref.snapshotID)?.timestampMs ?? 0
            guard started < cutoff else { continue }
            do { try table.removeRef(name) } catch where error.kind == .notFound { continue } catch { throw Self.meshError(error) }
            removed.append(name)
        }
        let liveIDs = Set(table.metadata.refs.keys.filter { $0.hasPrefix("publish-") }.compactMap(Self.publishID(branch:)))
        let prefix = table.name.isEmpty ? "" : table.name + "/"
        let keys = try Self.iceberg { () throws(IcebergError) in try table.store.list(prefix: prefix + "data/") }
        var candidates: [String] = []
        for key in keys {
            guard let id = Self.publishID(fileKey: key), !liveIDs.contains(id), let started = Int64(id.prefix { $0 != "-" }), started < cutoff else { continue }
            candidates.append(key)
        }
        guard !candidates.isEmpty else { return StalePublishCleanup(branches: removed, deletedFiles: []) }
        let used = try Self.iceberg { () throws(IcebergError) in try Self.publishedDataKeys(table) }
        let doomed = candidates.filter { !used.contains($0) }
        for key in doomed { try Self.iceberg { () throws(IcebergError) in try table.store.delete(key) } }
        return StalePublishCleanup(branches: removed, deletedFiles: doomed)
    }

    /// The store keys of the data files listed by every snapshot reachable from a ref or ever current on main.
    static func publishedDataKeys(_ table: Table) throws(IcebergError) -> Set<String> {
        let metadata = table.metadata
        var snapshots: Set<Int64> = Set(metadata.snapshotLog.map(\.snapshotID))
        if let current = metadata.currentSnapshotID { snapshots.insert(current) }
        for ref in metadata.refs.values { snapshots.formUnion(metadata.ancestors(of: ref.snapshotID).map(\.snapshotID)) }
        var manifests: Set<String> = []
        var keys: Set<String> = []
        for id in snapshots {
            guard let list = metadata.snapshot(id: id)?.manifestList else { continue }
            for file in try ManifestList(reading: try table.store.read(try table.store.requireKey(list))).manifests
            where manifests.insert(file.manifestPath).inserted {
                let manifest = try Manifest(reading: try table.store.read(try table.store.requireKey(file.manifestPath)))
                for entry in manifest.entries { if let key = table.store.key(of: entry.dataFile.filePath) { keys.insert(key) } }
            }
        }
        return keys
    }

    /// The `<ms>-<random>` id of a staging branch `publish-<tag>-<ms>-<random>`.
    static func publishID(branch: String) -> String? {
        let parts = branch.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] == "publish", Int64(parts[parts.count - 2]) != nil else { return nil }
        return parts[parts.count - 2] + "-" + parts[parts.count - 1]
    }

    /// The start time (ms since the epoch) in a staging branch's name.
    static func publishStart(branch: String) -> Int64? {
        publishID(branch: branch).flatMap { Int64($0.prefix { $0 != "-" }) }
    }

    /// The `<ms>-<random>` id of a data file key `…/publish-<ms>-<random>-<uuid>.parquet`.
    static func publishID(fileKey: String) -> String? {
        guard let name = fileKey.split(separator: "/").last, name.hasPrefix("publish-") else { return nil }
        let parts = name.dropFirst("publish-".count).split(separator: "-", maxSplits: 2)
        guard parts.count == 3, Int64(parts[0]) != nil else { return nil }
        return parts[0] + "-" + parts[1]
    }
}
