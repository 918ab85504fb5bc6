import Contracts
import Governance
import Iceberg
import Synchronization

/// The parsed forms of catalog records that never change once written, so a busy server does
/// not parse the same YAML and JSON on every request: contract versions (a product's contract
/// `1.2.0` is immutable), policy bundles and the engine built from the bundles in force, and
/// Iceberg table metadata files (each commit writes a new file under a new UUID name).
///
/// Every entry is keyed by the record's full text or by the immutable file's location, and the
/// caller always reads the current record (or pointer) from the catalog first: the cache only
/// skips the parsing, so it can never serve a record the catalog no longer holds. Each kind
/// holds a bounded number of entries and is emptied when it fills.
final class ParsedRecordCache: Sendable {
    /// The most entries of one kind kept before the kind is emptied.
    static let capacity = 512

    private struct State {
        var contracts: [String: DataContract] = [:]
        var bundles: [String: PolicyBundle] = [:]
        var engine: (key: [String], engine: PolicyEngine)?
        var metadata: [String: TableMetadata] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// The contract parsed from `yaml`, parsing it only the first time.
    func contract<E: Error>(yaml: String, parse: (String) throws(E) -> DataContract) throws(E) -> DataContract {
        if let hit = state.withLock({ $0.contracts[yaml] }) { return hit }
        let parsed = try parse(yaml)
        state.withLock { s in
            if s.contracts.count >= Self.capacity { s.contracts.removeAll(keepingCapacity: true) }
            s.contracts[yaml] = parsed
        }
        return parsed
    }

    /// The policy bundle parsed from `yaml`, parsing it only the first time.
    func bundle<E: Error>(yaml: String, parse: (String) throws(E) -> PolicyBundle) throws(E) -> PolicyBundle {
        if let hit = state.withLock({ $0.bundles[yaml] }) { return hit }
        let parsed = try parse(yaml)
        state.withLock { s in
            if s.bundles.count >= Self.capacity { s.bundles.removeAll(keepingCapacity: true) }
            s.bundles[yaml] = parsed
        }
        return parsed
    }

    /// The policy engine for the bundles whose texts are `key` (global first, then each
    /// domain's), building it only when the bundles in force changed.
    func engine<E: Error>(key: [String], build: () throws(E) -> PolicyEngine) throws(E) -> PolicyEngine {
        if let hit = state.withLock({ s in s.engine.flatMap { $0.key == key ? $0.engine : nil } }) { return hit }
        let built = try build()
        state.withLock { $0.engine = (key, built) }
        return built
    }

    /// The table metadata stored at `location`, read and parsed only the first time.
    func metadata<E: Error>(location: String, load: () throws(E) -> TableMetadata) throws(E) -> TableMetadata {
        if let hit = state.withLock({ $0.metadata[location] }) { return hit }
        let loaded = try load()
        state.withLock { s in
            if s.metadata.count >= Self.capacity { s.metadata.removeAll(keepingCapacity: true) }
            s.metadata[location] = loaded
        }
        return loaded
    }
}
