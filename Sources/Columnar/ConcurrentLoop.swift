import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent per-index work on all cores: the one concurrent loop the columnar
/// modules share (Parquet's column chunks and pages, the CSV reader's columns).
public enum ConcurrentLoop {
    /// The number of CPUs this process may use, read once (at least 1).
    public static let processorCount = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// Calls `body` for every index of `0..<count`, concurrently when `concurrently` and there
    /// are several indices and cores, else in order on the calling thread; returns when all
    /// have run. Iterations must touch disjoint mutable state: `body` runs on several threads.
    public static func forEach(_ count: Int, concurrently: Bool = true, _ body: (Int) -> Void) {
        guard concurrently, count > 1, processorCount > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let work = Work(body: escapable)
            DispatchQueue.concurrentPerform(iterations: count) { work.body($0) }
        }
    }
}

/// The per-index closure, carried into `concurrentPerform`'s `@Sendable` closure.
///
/// `@unchecked Sendable` because a closure type cannot state what it captures. The contract of
/// ``ConcurrentLoop/forEach(_:concurrently:_:)`` (disjoint state per index) makes it sound, and
/// the box never outlives the call.
private struct Work: @unchecked Sendable {
    let body: (Int) -> Void
}
