import Columnar
import Foundation

/// Reads an input's batches on a background thread, a few batches ahead of the consumer, so
/// parsing (CSV and JSON Lines are parsed on one thread) overlaps with checking and encoding.
///
/// Memory stays bounded: the thread waits while `depth` batches are queued. Errors are handed
/// over in order, after the batches read before them.
///
/// `@unchecked Sendable`: every mutable property is read and written only while holding
/// `condition`'s lock, and the reader is owned by the background thread alone once started.
final class BatchPrefetcher: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [RecordBatch] = []
    private var finished = false
    private var cancelled = false
    private var failure: MeshError?
    private var consumed: Int64 = 0
    private let depth: Int
    /// The file being read.
    let path: String
    /// The file's size in bytes.
    let size: Int64

    /// Starts reading `reader` on a new thread, keeping up to `depth` batches ready.
    init(_ reader: PublishInputReader, depth: Int = 2) {
        self.depth = max(1, depth)
        path = reader.path
        size = reader.size
        // The reader moves to the thread; nothing else touches it afterwards.
        nonisolated(unsafe) var owned = reader
        Thread.detachNewThread { [self] in
            while true {
                condition.lock()
                while queue.count >= self.depth && !cancelled { condition.wait() }
                let stop = cancelled
                condition.unlock()
                if stop { return }
                let batch: RecordBatch?
                do throws(MeshError) { batch = try owned.next() } catch {
                    condition.lock()
                    failure = error
                    finished = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                condition.lock()
                if let batch { queue.append(batch) } else { finished = true }
                consumed = owned.bytesRead
                condition.broadcast()
                condition.unlock()
                if batch == nil { return }
            }
        }
    }

    /// The next batch, waiting for the reader; `nil` at the end of the file.
    func next() throws(MeshError) -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Input bytes the reader has consumed so far.
    var bytesRead: Int64 {
        condition.lock()
        defer { condition.unlock() }
        return consumed
    }

    /// Stops the reader thread after its current batch (when the consumer gives up early).
    func cancel() {
        condition.lock()
        cancelled = true
        queue = []
        condition.broadcast()
        condition.unlock()
    }
}
