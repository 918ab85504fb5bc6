import Foundation

/// Serialises publishes of one product: the holder of a product's lock is the only publisher
/// of that product until it releases it.
protocol PublishLocking: Sendable {
    /// Waits for `product`'s lock (at most `timeout` seconds), runs `body`, releases the lock.
    ///
    /// - Throws: ``MeshError/Kind/conflict`` when the lock stays held for longer than `timeout`.
    func withLock<T>(_ product: String, timeout: TimeInterval, _ body: () throws(MeshError) -> T) throws(MeshError) -> T
}

/// Publish locks held in this process, for in-memory meshes.
///
/// `@unchecked Sendable`: the set of held products is only touched with `condition` locked.
final class ProcessLocks: PublishLocking, @unchecked Sendable {
    private let condition = NSCondition()
    private var held: Set<String> = []

    func withLock<T>(_ product: String, timeout: TimeInterval, _ body: () throws(MeshError) -> T) throws(MeshError) -> T {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        while held.contains(product) {
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw MeshError(.conflict, "another publish of \(product) has been running for more than \(Int(timeout)) s; try again later", context: product)
            }
        }
        held.insert(product)
        condition.unlock()
        defer {
            condition.lock()
            held.remove(product)
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
