import Catalog
import Dispatch
import Synchronization

/// Writes the audit entries of the server's hot read path (Iceberg load-table) in shared
/// transactions, in one of two modes (``Mode``):
///
/// - ``Mode/background`` (the default): a call returns once its entry is queued; a writer on
///   a serial queue commits the queue in batches, the first entry waiting at most
///   ``backgroundWindow``. Thousands of loads a second cost a few transactions, and a request
///   does not wait for another thread. If a batch cannot be written its entries stay queued
///   and are retried every ``retryDelay``, and every call fails (the load is refused, fail
///   closed) until a retry succeeds. When more than ``backlogLimit`` entries are queued, calls
///   wait for their commit. ``flush()`` waits until everything queued so far is committed
///   (the server calls it when it stops; reads of the audit log call it first).
/// - ``Mode/commitBeforeAnswer`` (`mesh serve --strict-audit`): each call returns only once its
///   entry is committed (a group commit: entries arriving while a batch is written form the
///   next one). When a batch fails, every caller in it gets the error and its entries are
///   dropped with the refused requests.
final class AuditGroupCommit: Sendable {
    /// When a recorded entry is committed relative to the call returning (``AuditTiming``).
    enum Mode: Sendable, Equatable {
        /// The call returns once the entry is queued; the entry is committed within
        /// ``backgroundWindow`` unless the log cannot be written.
        case background
        /// The call returns only once the entry is committed.
        case commitBeforeAnswer
    }

    /// How long the background writer lets entries gather before a batch.
    static let backgroundWindow: DispatchTimeInterval = .milliseconds(2)
    /// How long after a failed batch the background writer tries again.
    static let retryDelay: DispatchTimeInterval = .seconds(1)
    /// Queued entries past which a background call waits for its commit.
    static let backlogLimit = 10_000
    /// The most entries one transaction writes.
    static let batchLimit = 1_024

    private struct Waiter {
        /// Resumed once every entry up to this sequence number is committed (or failed).
        let through: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var mode: Mode = .background
        /// Entries not yet committed, oldest first, with their sequence numbers.
        var queued: [(sequence: UInt64, entry: AuditEntry)] = []
        var lastQueued: UInt64 = 0
        var lastCommitted: UInt64 = 0
        var waiters: [Waiter] = []
        /// A drain is scheduled or running.
        var draining = false
        /// Why the last background batch failed, until a batch succeeds.
        var failure: MeshError?
    }

    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "meshwork.audit-group-commit")
    private let store: any CatalogStore

    /// Creates the committer writing into `store`.
    init(store: any CatalogStore) { self.store = store }

    /// The current mode.
    var mode: Mode {
        get { state.withLock { $0.mode } }
        set { state.withLock { $0.mode = newValue } }
    }

    /// Queues `entry`; returns at once in the background mode (unless the backlog is full) and
    /// once it is committed in the commit-before-answer mode.
    ///
    /// - Throws: ``MeshError`` when the audit log cannot be written (in the background mode:
    ///   the last batch failed and has not been written since), so the request is refused.
    func record(_ entry: AuditEntry) async throws(MeshError) {
        enum Next { case done, wait, failed(MeshError) }
        // Queues the entry; with a continuation (a caller that waits), registers it in the same
        // critical section, so the batch holding the entry cannot end before the caller is
        // waiting for it (it would then miss a failure).
        func enqueue(_ continuation: CheckedContinuation<Void, any Error>?) -> (next: Next, start: Bool) {
            state.withLock { s in
                if s.mode == .background, let failure = s.failure { return (.failed(failure), false) }
                let waits = s.mode == .commitBeforeAnswer || s.queued.count >= Self.backlogLimit
                if waits, continuation == nil { return (.wait, false) }
                s.lastQueued += 1
                s.queued.append((s.lastQueued, entry))
                if waits, let continuation { s.waiters.append(Waiter(through: s.lastQueued, continuation: continuation)) }
                let start = !s.draining
                s.draining = true
                return (waits ? .wait : .done, start)
            }
        }
        let (next, start) = enqueue(nil)
        if start { schedule() }
        switch next {
        case .done: return
        case .failed(let failure):
            throw Self.refusal(failure)
        case .wait:
            do {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let (next, start) = enqueue(continuation)
                    if case .failed(let failure) = next {
                        continuation.resume(throwing: Self.refusal(failure))
                    } else if case .done = next {
                        // The mode changed or the backlog shrank in between: queued, nothing to wait for.
                        continuation.resume()
                    }
                    if start { schedule() }
                }
            } catch {
                throw Self.meshError(error)
            }
        }
    }

    /// The error of a call refused because the last batch could not be written.
    private static func refusal(_ failure: MeshError) -> MeshError {
        MeshError(.storage, "the audit log cannot be written, so nothing is served until it can: \(failure.message)", context: "audit")
    }

    private static func meshError(_ error: any Error) -> MeshError {
        if let error = error as? MeshError { return error }
        if let error = error as? CatalogError { return MeshError(error) }
        return MeshError(.storage, "the audit log could not be written: \(error)", context: "audit")
    }

    /// Waits until every entry queued before this call is committed.
    ///
    /// - Throws: ``MeshError`` when a batch holding one of them failed.
    func flush() async throws(MeshError) {
        let through = state.withLock { $0.lastQueued }
        try await wait(through: through)
    }

    private func wait(through sequence: UInt64) async throws(MeshError) {
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let done = state.withLock { s in
                    if s.lastCommitted >= sequence { return true }
                    s.waiters.append(Waiter(through: sequence, continuation: continuation))
                    return false
                }
                if done { continuation.resume() }
            }
        } catch {
            throw Self.meshError(error)
        }
    }

    /// Runs a drain after the gathering window (background) or now (commit before answer).
    private func schedule() {
        schedule(after: mode == .background ? Self.backgroundWindow : nil)
    }

    /// Runs a drain after `delay`, or now for nil.
    private func schedule(after delay: DispatchTimeInterval?) {
        if let delay {
            queue.asyncAfter(deadline: .now() + delay) { self.drain() }
        } else {
            queue.async { self.drain() }
        }
    }

    /// Writes one batch of the queue, settles the waiters it covers, and schedules the next
    /// batch (or stops when nothing is queued).
    private func drain() {
        // Only this drain removes entries, so the queue it was scheduled for is not empty; the
        // check keeps an empty one from being written (and ends the drain cleanly).
        let batch = state.withLock { s in
            if s.queued.isEmpty { s.draining = false }
            return Array(s.queued.prefix(Self.batchLimit))
        }
        guard let last = batch.last?.sequence else { return }
        var failure: MeshError?
        do {
            try store.write { t throws(CatalogError) in try t.insertAudits(batch.map(\.entry)) }
        } catch {
            failure = MeshError(error)
        }
        // What to settle, and when to write the next batch.
        enum Again { case never, now, after(DispatchTimeInterval) }
        let (settled, again): ([(Waiter, MeshError?)], Again) = state.withLock { s in
            var settled: [(Waiter, MeshError?)] = []
            if let failure {
                // Background entries were answered already: keep them for the retry. Entries of
                // callers still waiting are dropped with their refused requests.
                if s.mode == .commitBeforeAnswer {
                    s.queued.removeFirst(batch.count)
                    s.lastCommitted = max(s.lastCommitted, last)
                } else {
                    s.failure = failure
                }
                let failed = s.waiters.filter { $0.through <= last || s.mode == .background }
                s.waiters.removeAll { $0.through <= last || s.mode == .background }
                settled = failed.map { ($0, failure) }
            } else {
                s.queued.removeFirst(batch.count)
                s.lastCommitted = last
                s.failure = nil
                settled = s.waiters.filter { $0.through <= last }.map { ($0, nil) }
                s.waiters.removeAll { $0.through <= last }
            }
            if s.queued.isEmpty {
                s.draining = false
                return (settled, .never)
            }
            if failure != nil, s.mode == .background { return (settled, .after(Self.retryDelay)) }
            // A full batch is written at once; a partial one gathers for the window first.
            return (settled, s.mode == .background && s.queued.count < Self.batchLimit ? .after(Self.backgroundWindow) : .now)
        }
        for (waiter, error) in settled {
            if let error { waiter.continuation.resume(throwing: error) } else { waiter.continuation.resume() }
        }
        switch again {
        case .never: break
        case .now: schedule(after: nil)
        case .after(let delay): schedule(after: delay)
        }
    }
}
