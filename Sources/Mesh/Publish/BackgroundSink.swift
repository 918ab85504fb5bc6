import Columnar
import Foundation

/// Runs a ``PublishSink`` (type conversion, Parquet encoding and compression) on its own thread,
/// so encoding one batch overlaps with checking the next.
///
/// ``submit(_:file:firstRow:)`` waits while `depth` batches are queued, so memory stays bounded;
/// a write error is raised by the next `submit` or by ``finish()``, after which nothing more
/// is written.
///
/// `@unchecked Sendable`: every mutable property is read and written only while holding
/// `condition`'s lock; the sink belongs to the background thread until ``finish()`` hands it back
/// after that thread has ended.
final class BackgroundSink: @unchecked Sendable {
    private struct Job {
        var batch: RecordBatch
        var file: String
        var firstRow: Int64
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var closed = false
    private var done = false
    private var failure: MeshError?
    private var sink: PublishSink
    private let depth: Int

    /// Starts the writer thread for `sink`.
    init(_ sink: PublishSink, depth: Int = 2) {
        self.sink = sink
        self.depth = max(1, depth)
        Thread.detachNewThread { [self] in run() }
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty || failure != nil {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            do throws(MeshError) {
                // Only this thread touches `sink` until `done` is set.
                try sink.write(job.batch, file: job.file, firstRow: job.firstRow)
            } catch {
                condition.lock()
                failure = error
                queue = []
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// Queues `batch` for writing, waiting while the queue is full; throws an earlier write's error.
    func submit(_ batch: RecordBatch, file: String, firstRow: Int64) throws(MeshError) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(Job(batch: batch, file: file, firstRow: firstRow))
        condition.broadcast()
    }

    /// Waits for the queued batches to be written, stops the thread and returns the sink, or the
    /// first write error. Call exactly once.
    func finish() -> (sink: PublishSink, failure: MeshError?) {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        let result = (sink, failure)
        condition.unlock()
        return result
    }
}
