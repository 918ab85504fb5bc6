import Foundation
import Synchronization

/// A ``CatalogStore`` held in memory, for tests and throwaway meshes.
///
/// A write works on a copy of the state and installs it only when the body returns, so a
/// throwing body changes nothing, like a database transaction. Writes are serialised.
public final class MemoryCatalogStore: CatalogStore {
    private let state: Mutex<MemoryCatalogState>

    /// Creates an empty store.
    public init() { state = Mutex(MemoryCatalogState()) }

    public func read<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T {
        let snapshot = state.withLock { $0 }
        let transaction = MemoryTransaction(state: snapshot, writable: false)
        return try body(transaction)
    }

    public func write<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T {
        let result: Result<T, CatalogError> = state.withLock { current in
            let transaction = MemoryTransaction(state: current, writable: true)
            do throws(CatalogError) {
                let value = try body(transaction)
                current = transaction.state
                current.commits &+= 1
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The number of writes committed so far.
    public func changeStamp() throws(CatalogError) -> UInt64 { state.withLock { $0.commits } }
}

/// Everything a ``MemoryCatalogStore`` holds.
struct MemoryCatalogState: Sendable {
    var commits: UInt64 = 0
    var settings: [String: String] = [:]
    var domains: [String: Domain] = [:]
    var principals: [String: Principal] = [:]
    var tokens: [String: TokenRecord] = [:]
    var products: [String: Product] = [:]
    var contracts: [ContractRecord] = []
    var versions: [ProductVersion] = []
    var rejections: [RejectedPublish] = []
    var subscriptions: [Subscription] = []
    var events: [MeshEvent] = []
    var deliveries: [Delivery] = []
    var grants: [Grant] = []
    var requests: [AccessRequestRecord] = []
    var policies: [PolicyRecord] = []
    var lineage: [LineageEdge] = []
    var audit: [AuditEntry] = []
    var documents: [String: SearchDocument] = [:]
    var trainingSets: [String: TrainingSetRecord] = [:]
    var models: [String: ModelRecord] = [:]
    var tables: [String: String] = [:]
    var nextID: Int64 = 1

    mutating func newID() -> Int64 {
        defer { nextID += 1 }
        return nextID
    }
}
