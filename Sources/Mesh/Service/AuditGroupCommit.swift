import Catalog
import Dispatch
import Synchronization

/// Writes audit entries of concurrent requests in shared transactions (a group commit), for
/// the server's hot read paths: each caller waits until its entry is committed, so nothing is
/// answered before it is audited, but a hundred concurrent loads cost one transaction rather
/// than a hundred serialised ones.
///
/// The first entry to arrive starts a drain on a serial queue; entries arriving while a batch
/// is being written form the next batch. When a write fails, every caller in that batch gets
/// the error.
final class AuditGroupCommit: Sendable {
    private struct Waiter {
        let entry: AuditEntry
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var pending: [Waiter] = []
        var draining = false
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "meshwork.audit-group-commit")
    private let store: any CatalogStore

    /// Creates the committer writing into `store`.
    init(store: any CatalogStore) { self.store = store }

    /// Returns once `entry` is committed to the audit log.
    ///
    /// - Throws: ``MeshError`` when the store could not write the batch holding it.
    func record(_ entry: AuditEntry) async throws(MeshError) {
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let start = state.withLock { s in
                    s.pending.append(Waiter(entry: entry, continuation: continuation))
                    if s.draining { return false }
                    s.draining = true
                    return true
                }
                if start { queue.async { self.drain() } }
            }
        } catch let error as MeshError {
            throw error
        } catch let error as CatalogError {
            throw MeshError(error)
        } catch {
            throw MeshError(.storage, "the audit log could not be written: \(error)", context: "audit")
        }
    }

    /// Writes batches until no entry is waiting.
    private func drain() {
        while true {
            let batch = state.withLock { s in
                let batch = s.pending
                s.pending.removeAll(keepingCapacity: true)
                if batch.isEmpty { s.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                try store.write { t throws(CatalogError) in try t.insertAudits(batch.map(\.entry)) }
                for waiter in batch { waiter.continuation.resume() }
            } catch {
                for waiter in batch { waiter.continuation.resume(throwing: error) }
            }
        }
    }
}
