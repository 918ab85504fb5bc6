import Synchronization

/// An object store in memory, for tests and scratch tables. Locations are `memory://<key>`.
public final class MemoryStore: ObjectStore {
    private let objects = Mutex<[String: [UInt8]]>([:])

    /// Creates an empty store.
    public init() {}

    public func read(_ key: String) throws(IcebergError) -> [UInt8] {
        try validateKey(key)
        guard let bytes = objects.withLock({ $0[key] }) else { throw IcebergError(.notFound, "no object", context: key) }
        return bytes
    }

    public func read(_ key: String, range: Range<Int>) throws(IcebergError) -> [UInt8] {
        let bytes = try read(key)
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw IcebergError(.storage, "range \(range) is outside the object's \(bytes.count) bytes", context: key)
        }
        return Array(bytes[range])
    }

    public func size(_ key: String) throws(IcebergError) -> Int { try read(key).count }

    public func write(_ key: String, _ bytes: [UInt8], mode: WriteMode) throws(IcebergError) {
        try validateKey(key)
        let created = objects.withLock { objects -> Bool in
            if mode == .createOnly, objects[key] != nil { return false }
            objects[key] = bytes
            return true
        }
        if !created { throw IcebergError(.alreadyExists, "object already exists", context: key) }
    }

    public func list(prefix: String) throws(IcebergError) -> [String] {
        objects.withLock { $0.keys.filter { $0.hasPrefix(prefix) } }.sorted()
    }

    public func delete(_ key: String) throws(IcebergError) {
        try validateKey(key)
        _ = objects.withLock { $0.removeValue(forKey: key) }
    }

    public func location(of key: String) -> String { "memory://" + key }

    public func key(of location: String) -> String? {
        location.hasPrefix("memory://") ? String(location.dropFirst("memory://".count)) : nil
    }
}
