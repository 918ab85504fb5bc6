#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A destination for the bytes of a Parquet file, written sequentially.
public protocol ParquetSink: AnyObject {
    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError)
    /// Flushes buffered bytes and releases the destination; called once by ``ParquetWriter/close()``.
    func finish() throws(ParquetError)
}

/// A sink collecting the file in memory.
public final class MemorySink: ParquetSink {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty sink, with room for `capacity` bytes reserved.
    public init(reservingCapacity capacity: Int = 0) {
        if capacity > 0 { bytes.reserveCapacity(capacity) }
    }

    /// Appends `bytes` to ``bytes``.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) { self.bytes.append(contentsOf: bytes) }
    /// Does nothing: the bytes stay available in ``bytes``.
    public func finish() throws(ParquetError) {}
}

/// A buffered sink writing to a file descriptor.
public final class FileSink: ParquetSink {
    private var fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// The file path, for error messages.
    public let path: String

    /// Creates (or truncates) the file at `path`.
    public init(path: String, bufferSize: Int = 1 << 20) throws(ParquetError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ParquetError(.io, "cannot create '\(path)': \(String(cString: strerror(errno)))") }
        self.fd = fd
        self.ownsDescriptor = true
        self.path = path
        self.capacity = max(4096, bufferSize)
        buffer.reserveCapacity(capacity)
    }

    /// Wraps an open descriptor (not closed by the sink).
    public init(fileDescriptor: Int32, bufferSize: Int = 1 << 20) {
        self.fd = fileDescriptor
        self.ownsDescriptor = false
        self.path = "fd \(fileDescriptor)"
        self.capacity = max(4096, bufferSize)
        buffer.reserveCapacity(capacity)
    }

    /// Buffers `bytes`, writing through when the buffer is full.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        if buffer.count + bytes.count > capacity { try drain() }
        if bytes.count >= capacity {
            try writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes buffered bytes and closes the file (when the sink opened it).
    public func finish() throws(ParquetError) {
        try drain()
        if ownsDescriptor && fd >= 0 {
            let rc = close(fd)
            fd = -1
            guard rc == 0 else { throw ParquetError(.io, "closing '\(path)' failed: \(String(cString: strerror(errno)))") }
        }
    }

    private func drain() throws(ParquetError) {
        guard !buffer.isEmpty else { return }
        var failure: ParquetError?
        buffer.withUnsafeBytes { b in
            do throws(ParquetError) { try writeAll(b) } catch { failure = error }
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(.io, "writing '\(path)' failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    deinit {
        if ownsDescriptor && fd >= 0 { close(fd) }
    }
}
