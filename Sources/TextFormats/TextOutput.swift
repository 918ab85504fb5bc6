import Foundation

/// A destination for writer output.
public protocol TextOutput: AnyObject {
    /// Writes `bytes` in order.
    func write(_ bytes: UnsafeRawBufferPointer) throws(TextFormatError)
}

/// Writes to a `FileHandle` (a file, or `FileHandle.standardOutput`).
public final class FileOutput: TextOutput {
    private let handle: FileHandle

    /// Wraps `handle`; the caller keeps ownership (closing it is up to the caller).
    public init(_ handle: FileHandle) { self.handle = handle }

    /// Creates (or truncates) the file at `path`.
    public convenience init(path: String) throws(TextFormatError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw TextFormatError(.io, "cannot create '\(path)' for writing", file: path)
        }
        self.init(handle)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(TextFormatError) {
        do { try handle.write(contentsOf: Data(bytes)) } catch {
            throw TextFormatError(.io, "cannot write output: \(error.localizedDescription)")
        }
    }
}

/// Collects output in memory (tests, small exports).
public final class MemoryOutput: TextOutput {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty output.
    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(TextFormatError) { self.bytes.append(contentsOf: bytes) }

    /// The output decoded as UTF-8.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// A byte buffer in front of a ``TextOutput``, flushed when it grows past `capacity`.
struct BufferedOutput {
    let output: any TextOutput
    let capacity: Int
    var buffer: [UInt8] = []

    init(_ output: any TextOutput, capacity: Int) {
        self.output = output
        self.capacity = max(1, capacity)
        buffer.reserveCapacity(self.capacity + 4096)
    }

    mutating func flushIfFull() throws(TextFormatError) {
        if buffer.count >= capacity { try flush() }
    }

    mutating func flush() throws(TextFormatError) {
        guard !buffer.isEmpty else { return }
        do {
            try buffer.withUnsafeBytes { raw in try output.write(raw) }
        } catch let error as TextFormatError {
            throw error
        } catch {
            throw TextFormatError(.io, "cannot write output: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
