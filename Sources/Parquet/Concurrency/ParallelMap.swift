import Columnar

/// Runs independent per-index work on all cores and gathers the results by index.
///
/// Used to decode the column chunks of a row group and to encode the columns of a batch
/// concurrently; the results come back in index order, so callers behave exactly as a
/// sequential loop would (including which error is reported: the lowest index's).
///
/// Iterations must touch disjoint mutable state: `body` runs on several threads at once.
enum ParallelMap {
    /// Calls `body` for every index of `0..<count`, concurrently when there is more than one,
    /// and returns the results in index order; throws the error of the lowest failing index.
    /// With `concurrently` false the indices run in order on the calling thread.
    static func map<T>(_ count: Int, concurrently: Bool = true, _ body: (Int) throws(ParquetError) -> T) throws(ParquetError) -> [T] {
        if !concurrently || count <= 1 || ConcurrentLoop.processorCount <= 1 {
            var out: [T] = []
            out.reserveCapacity(count)
            for i in 0..<count { out.append(try body(i)) }
            return out
        }
        let slots = ResultSlots<T>(count: count)
        ConcurrentLoop.forEach(count) { i in
            let result: Result<T, ParquetError>
            do throws(ParquetError) { result = .success(try body(i)) } catch { result = .failure(error) }
            slots.store(result, at: i)
        }
        return try slots.collect()
    }

    /// Calls `body` for every index of `0..<count`, concurrently when there is more than one;
    /// throws the error of the lowest failing index after all have run.
    static func forEach(_ count: Int, concurrently: Bool = true, _ body: (Int) throws(ParquetError) -> Void) throws(ParquetError) {
        _ = try map(count, concurrently: concurrently, body)
    }
}

/// A pre-sized array of results, each slot written by exactly one concurrent iteration.
///
/// `@unchecked Sendable` is sound here: `ParallelMap.map` gives every iteration a distinct
/// index, so no two threads ever touch the same slot, and the slots are read only after
/// `concurrentPerform` has returned (which orders all the writes before the reads).
private final class ResultSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Result<T, ParquetError>?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// Stores the result of iteration `index` (called once per index).
    func store(_ result: Result<T, ParquetError>, at index: Int) {
        base[index] = result
    }

    /// The results in index order, or the error of the lowest failing index.
    func collect() throws(ParquetError) -> [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            switch base[i] {
            case .success(let value)?: out.append(value)
            case .failure(let error)?: throw error
            case nil: throw ParquetError(.invalidUse, "a concurrent task did not report its result")
            }
        }
        return out
    }
}
