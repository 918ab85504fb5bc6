import Foundation

/// An Iceberg table: its current metadata, the store holding its files, and the committer
/// owning its metadata pointer. Operations (`append`, `tag`...) commit new metadata and
/// update this value; scans read it.
public struct Table: Sendable {
    /// The table's folder inside ``store`` (`""` for the store's root) and its name for ``committer``.
    public let name: String
    /// Where data, manifests and metadata files live.
    public let store: any ObjectStore
    /// Owns the pointer to the current metadata file.
    public let committer: any CatalogCommitter
    /// The metadata as of the last load or commit.
    public internal(set) var metadata: TableMetadata
    /// The location of the metadata file ``metadata`` was read from or written to.
    public internal(set) var metadataLocation: String

    init(name: String, store: any ObjectStore, committer: any CatalogCommitter, metadata: TableMetadata, metadataLocation: String) {
        self.name = name
        self.store = store
        self.committer = committer
        self.metadata = metadata
        self.metadataLocation = metadataLocation
    }

    /// Opens the table `name` at the metadata its committer currently points at.
    public static func load(name: String = "", store: any ObjectStore, committer: (any CatalogCommitter)? = nil) throws(IcebergError) -> Table {
        try load(name: name, store: store, committer: committer ?? DirectoryCommitter(store: store)) { location throws(IcebergError) in
            try readMetadata(at: location, from: store)
        }
    }

    /// Opens the table at its current metadata, with `metadataAt` supplying the metadata stored
    /// at a location (for a cache: metadata files are never rewritten, each commit writes a new one).
    public static func load(name: String, store: any ObjectStore, committer: any CatalogCommitter,
                            metadataAt: (String) throws(IcebergError) -> TableMetadata) throws(IcebergError) -> Table {
        guard let location = try committer.current(table: name) else {
            throw IcebergError(.notFound, "no Iceberg table here (no committed metadata)", context: name.isEmpty ? store.location(of: "metadata") : name)
        }
        return Table(name: name, store: store, committer: committer, metadata: try metadataAt(location), metadataLocation: location)
    }

    /// Reads and parses the metadata file at `location` in `store`.
    public static func readMetadata(at location: String, from store: any ObjectStore) throws(IcebergError) -> TableMetadata {
        try TableMetadata(jsonBytes: try store.read(try store.requireKey(location)))
    }

    /// Opens a table read-only from one metadata file (as pyiceberg's `StaticTable` does);
    /// commits through it fail with a conflict.
    public static func open(metadataLocation: String, store: any ObjectStore) throws(IcebergError) -> Table {
        let metadata = try TableMetadata(jsonBytes: try store.read(try store.requireKey(metadataLocation)))
        return Table(name: "", store: store, committer: StaticCommitter(location: metadataLocation), metadata: metadata, metadataLocation: metadataLocation)
    }

    /// Re-reads the current metadata from the committer.
    public mutating func refresh() throws(IcebergError) {
        guard let location = try committer.current(table: name) else {
            throw IcebergError(.notFound, "the table no longer exists", context: name)
        }
        if location == metadataLocation { return }
        metadata = try TableMetadata(jsonBytes: try store.read(try store.requireKey(location)))
        metadataLocation = location
    }

    /// The store key of a location written in this table's metadata.
    func key(_ location: String) throws(IcebergError) -> String { try store.requireKey(location) }

    /// The key prefix of the table's folder.
    var prefix: String { name.isEmpty ? "" : name + "/" }

    /// The manifest list of `snapshot` (empty for `nil`).
    func manifestFiles(_ snapshot: Snapshot?) throws(IcebergError) -> [ManifestFile] {
        guard let snapshot else { return [] }
        guard let list = snapshot.manifestList else {
            throw IcebergError(.unsupported, "v1 snapshots without a manifest list are not supported", context: "snapshot \(snapshot.snapshotID)")
        }
        return try ManifestList(reading: try store.read(try key(list))).manifests
    }

    /// The live entries (added or existing data files) of `snapshot`, with inherited fields filled.
    func liveEntries(_ snapshot: Snapshot?) throws(IcebergError) -> [ManifestEntry] {
        var out: [ManifestEntry] = []
        for file in try manifestFiles(snapshot) where file.content == .data {
            let manifest = try Manifest(reading: try store.read(try key(file.manifestPath)))
            out += manifest.inheriting(from: file).filter { $0.status != .deleted }
        }
        return out
    }
}

/// The committer of a table opened from a single metadata file: it never moves.
struct StaticCommitter: CatalogCommitter {
    let location: String
    func current(table: String) throws(IcebergError) -> String? { location }
    func swap(table: String, expected: String?, new: String) throws(IcebergError) {
        throw IcebergError(.commitConflict, "a table opened from a metadata file is read-only; open it through its committer to change it", context: location)
    }
}

/// Milliseconds since the epoch now.
func nowMs() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

/// A fresh lowercase UUID string.
func freshUUID() -> String { UUID().uuidString.lowercased() }

/// A fresh positive snapshot id.
func freshSnapshotID() -> Int64 { Int64.random(in: 1...Int64.max) }
