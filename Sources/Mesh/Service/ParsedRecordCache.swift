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
        try entry(\.contracts, yaml) { () throws(E) in try parse(yaml) }
    }

    /// The contract parsed from `yaml`, or nil when it does not parse (a stored contract a
    /// newer release wrote: it has no rules or SLAs this one can apply).
    func contractIfValid(yaml: String) -> DataContract? {
        try? contract(yaml: yaml) { text in try DataContract(yaml: text) }
    }

    /// The policy bundle parsed from `yaml`, parsing it only the first time.
    func bundle<E: Error>(yaml: String, parse: (String) throws(E) -> PolicyBundle) throws(E) -> PolicyBundle {
        try entry(\.bundles, yaml) { () throws(E) in try parse(yaml) }
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
        try entry(\.metadata, location, make: load)
    }

    /// The entry of `kind` under `key`, made by `make` the first time (the kind is emptied when full).
    private func entry<V: Sendable, E: Error>(_ kind: WritableKeyPath<State, [String: V]> & Sendable, _ key: String,
                                                make: () throws(E) -> V) throws(E) -> V {
        if let hit = state.withLock({ $0[keyPath: kind][key] }) { return hit }
        let made = try make()
        state.withLock { s in
            if s[keyPath: kind].count >= Self.capacity { s[keyPath: kind].removeAll(keepingCapacity: true) }
            s[keyPath: kind][key] = made
        }
        return made
    }
}
