import Foundation

/// A window over an input read in chunks: `bytes[position...]` is unconsumed; ``refill()``
/// moves that tail to the front and appends the next chunk, so memory stays bounded by the
/// chunk size plus the longest record.
final class ChunkedInput {
    enum Source {
        case file(FileHandle, closeWhenDone: Bool)
        case memory([UInt8])
    }

    private var source: Source
    private let chunkSize: Int
    /// The buffered bytes; only `bytes[position...]` is still needed.
    private(set) var bytes: [UInt8] = []
    /// The first unconsumed byte in ``bytes``.
    var position = 0
    /// Whether the source has no more bytes beyond ``bytes``.
    private(set) var atEOF = false
    /// The input offset of `bytes[0]`.
    private(set) var baseOffset: Int64 = 0
    /// The total input size when known.
    let totalBytes: Int64?
    private let startOffset: UInt64
    private var memoryCursor = 0
    private let progress: (@Sendable (Int64, Int64?) -> Void)?

    init(source: Source, chunkSize: Int, progress: (@Sendable (Int64, Int64?) -> Void)?) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
        self.progress = progress
        switch source {
        case .memory(let b):
            totalBytes = Int64(b.count)
            startOffset = 0
        case .file(let handle, _):
            let start = (try? handle.offset()) ?? 0
            startOffset = start
            if let end = try? handle.seekToEnd() {
                try? handle.seek(toOffset: start)
                totalBytes = Int64(end) - Int64(start)
            } else {
                totalBytes = nil
            }
        }
    }

    deinit {
        if case .file(let handle, true) = source { try? handle.close() }
    }

    /// The input offset of `bytes[i]`.
    func offset(of i: Int) -> Int { Int(baseOffset) + i }

    /// Bytes consumed so far (up to ``position``).
    var consumed: Int64 { baseOffset + Int64(position) }

    /// Drops consumed bytes and appends the next chunk; returns false at end of input.
    @discardableResult
    func refill() throws(TextFormatError) -> Bool {
        if atEOF { return false }
        if position > 0 {
            bytes.removeSubrange(0..<position)
            baseOffset += Int64(position)
            position = 0
        }
        let chunk = try readChunk()
        if chunk.isEmpty {
            atEOF = true
        } else {
            bytes.append(contentsOf: chunk)
        }
        progress?(baseOffset + Int64(bytes.count), totalBytes)
        return !chunk.isEmpty
    }

    private func readChunk() throws(TextFormatError) -> [UInt8] {
        switch source {
        case .memory(let all):
            let end = min(all.count, memoryCursor + chunkSize)
            defer { memoryCursor = end }
            return Array(all[memoryCursor..<end])
        case .file(let handle, _):
            do {
                guard let data = try handle.read(upToCount: chunkSize) else { return [] }
                return [UInt8](data)
            } catch {
                throw TextFormatError(.io, "cannot read input: \(error.localizedDescription)")
            }
        }
    }

    /// Starts over from the beginning of the input (for full-scan inference).
    func rewind() throws(TextFormatError) {
        switch source {
        case .memory: memoryCursor = 0
        case .file(let handle, _):
            do { try handle.seek(toOffset: startOffset) } catch {
                throw TextFormatError(.unsupported, "cannot rewind the input for full-scan inference (is it a pipe?); give a schema or use sampled inference")
            }
        }
        bytes = []
        position = 0
        baseOffset = 0
        atEOF = false
    }
}
