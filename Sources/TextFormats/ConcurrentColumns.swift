import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs per-column work on all cores (the CSV engine's conversion of a batch's columns).
enum ConcurrentColumns {
    /// Calls `body` for every index of `0..<count`, concurrently when `concurrently` and there
    /// are several indices and cores; returns when all have run. Iterations must touch
    /// disjoint mutable state.
    static func forEach(_ count: Int, concurrently: Bool, _ body: (Int) -> Void) {
        guard concurrently, count > 1, cores > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let work = Work(body: escapable)
            DispatchQueue.concurrentPerform(iterations: count) { work.body($0) }
        }
    }

    /// The number of CPUs this process may use.
    static let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

/// The per-index closure, carried into `concurrentPerform`'s `@Sendable` closure.
///
/// `@unchecked Sendable` because a closure type cannot state what it captures; the contract of
/// ``ConcurrentColumns/forEach(_:concurrently:_:)`` (disjoint state per index, the box never
/// outliving the call) makes it sound.
private struct Work: @unchecked Sendable {
    let body: (Int) -> Void
}
