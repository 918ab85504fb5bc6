/// How ``ObjectStore/write(_:_:mode:)`` treats an object that already exists.
public enum WriteMode: Sendable, Hashable {
    /// Fail with ``IcebergError/Kind/alreadyExists`` when the object exists; the check and the
    /// creation are one atomic step, and the object is never visible half-written.
    case createOnly
    /// Replace the object atomically: readers see the old or the new bytes, never a mix.
    case overwrite
}

/// Storage for a table's files, addressed by keys (`/`-separated relative paths such as
/// `metadata/00001-<uuid>.metadata.json`).
///
/// Implementations map keys to locations (the absolute paths or URIs written into Iceberg
/// metadata) and back. Every method is synchronous and safe to call from several threads.
public protocol ObjectStore: Sendable {
    /// The whole object at `key`.
    func read(_ key: String) throws(IcebergError) -> [UInt8]
    /// The bytes of `range` of the object at `key`; the range must lie within the object.
    func read(_ key: String, range: Range<Int>) throws(IcebergError) -> [UInt8]
    /// The size in bytes of the object at `key`.
    func size(_ key: String) throws(IcebergError) -> Int
    /// Stores `bytes` at `key`, creating intermediate folders as needed.
    func write(_ key: String, _ bytes: [UInt8], mode: WriteMode) throws(IcebergError)
    /// The keys that start with `prefix`, sorted.
    func list(prefix: String) throws(IcebergError) -> [String]
    /// Removes the object at `key`; removing a missing object is not an error.
    func delete(_ key: String) throws(IcebergError)
    /// The location written into metadata for `key` (an absolute path or a URI).
    func location(of key: String) -> String
    /// The key of a location written into metadata, or `nil` when it lies outside this store.
    func key(of location: String) -> String?
}

extension ObjectStore {
    /// Whether an object exists at `key`.
    public func exists(_ key: String) -> Bool { (try? size(key)) != nil }

    /// The key of `location`, or an error naming the location when it lies outside this store.
    public func requireKey(_ location: String) throws(IcebergError) -> String {
        guard let key = key(of: location) else {
            throw IcebergError(.storage, "location is outside the table's store; open the store that holds it", context: location)
        }
        return key
    }
}

/// Checks that `key` is a relative path that cannot escape its store.
func validateKey(_ key: String) throws(IcebergError) {
    guard !key.isEmpty, !key.hasPrefix("/"), !key.contains("\0") else {
        throw IcebergError(.storage, "an object key must be a non-empty relative path", context: key)
    }
    for part in key.split(separator: "/", omittingEmptySubsequences: false) where part == ".." || part == "." || part.isEmpty {
        throw IcebergError(.storage, "an object key must not contain '.', '..' or empty path segments", context: key)
    }
}
