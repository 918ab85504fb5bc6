import Columnar
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random-access bytes a Parquet file is read from (a local file, memory, an object store...).
public protocol RandomAccessSource: Sendable {
    /// The total size in bytes.
    var size: Int { get }
    /// Exactly `count` bytes starting at `offset`; throws when the range is outside the source.
    func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8]
}

/// A source over bytes in memory.
public struct MemorySource: RandomAccessSource {
    /// The bytes.
    public let bytes: [UInt8]
    /// Wraps `bytes`.
    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// The number of bytes.
    public var size: Int { bytes.count }

    /// A copy of `count` bytes at `offset`.
    public func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= bytes.count - count else {
            throw ParquetError(.truncated, "range \(offset)..<\(offset &+ count) is outside the \(bytes.count)-byte source", offset: offset)
        }
        return Array(bytes[offset..<(offset + count)])
    }
}

/// A source reading a local file with `pread`.
public final class FileSource: RandomAccessSource {
    // An immutable descriptor: `pread` is safe to call concurrently, so the class is Sendable.
    private let fd: Int32
    /// The file size at open time.
    public let size: Int
    /// The path, for error messages.
    public let path: String

    /// Opens `path` for reading.
    public init(path: String) throws(ParquetError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ParquetError(.io, "cannot open '\(path)': \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            close(fd)
            throw ParquetError(.io, "cannot stat '\(path)': \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.size = Int(st.st_size)
        self.path = path
    }

    /// `count` bytes at `offset`, read with `pread` (safe to call from several threads).
    public func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= size - count else {
            throw ParquetError(.truncated, "range \(offset)..<\(offset &+ count) is outside '\(path)' (\(size) bytes)", offset: offset)
        }
        // The bytes are written by `pread` straight into uninitialized storage: zero-filling a
        // multi-megabyte chunk first would cost a pass over it (and its page faults) for nothing.
        // A large range is read in one piece per core: the kernel's copy and the page faults of
        // the fresh storage are then shared out too.
        guard count > 0 else { return [] }
        let pieces = count >= Self.concurrentReadSize ? ConcurrentLoop.processorCount : 1
        let pieceSize = (count + pieces - 1) / pieces
        var failure: ParquetError?
        let out = [UInt8](unsafeUninitializedCapacity: count) { b, initialized in
            let base = b.baseAddress!
            do throws(ParquetError) {
                try ParallelMap.forEach(pieces) { (i) throws(ParquetError) in
                    let start = i * pieceSize
                    try readFully(into: base + start, count: min(pieceSize, count - start), at: offset + start)
                }
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return out
    }

    /// Reads a range of at least this many bytes in concurrent pieces.
    static let concurrentReadSize = 4 << 20

    /// Fills `count` bytes at `target` from file offset `offset`, retrying short reads.
    private func readFully(into target: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int) throws(ParquetError) {
        var done = 0
        while done < count {
            let n = pread(fd, target + done, count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                throw ParquetError(.io, "reading '\(path)' at \(offset + done) failed: \(n == 0 ? "unexpected end of file" : String(cString: strerror(errno)))",
                                   offset: offset + done)
            }
            done += n
        }
    }

    deinit { close(fd) }
}
