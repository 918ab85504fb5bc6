import CZlib

/// One-shot compression and bounded decompression of deflate streams through the system zlib.
///
/// The `z_stream` lives at a fixed heap address for its whole life: zlib keeps a pointer
/// back to it and rejects a stream that has moved.
enum DeflateStream {
    /// The most output a single deflate input byte can produce (a 258-byte match in ~2 bits).
    static let maxExpansion = 1032

    /// Compresses `input` at `level` (0...9) into one stream in `container`, appending it to `output`.
    static func compress(_ input: UnsafeRawBufferPointer, level: Int, container: DeflateContainer, into output: inout [UInt8]) {
        precondition((0...9).contains(level), "\(container.name) compression level must be 0...9, not \(level)")
        precondition(container != .zlibOrGzip, "compression needs a definite container")
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let status = deflateInit2_(stream, Int32(level), Z_DEFLATED, container.windowBits, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "zlib could not start a \(container.name) stream (status \(status))")
        let bound = Int(deflateBound(stream, uLong(input.count)))
        output.appendWriting(maxCount: bound) { destination in
            var pendingInput = input.count
            var pendingOutput = bound
            stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
            stream.pointee.next_out = destination
            while true {
                if stream.pointee.avail_in == 0 && pendingInput > 0 {
                    let chunk = min(pendingInput, Int(UInt32.max))
                    stream.pointee.avail_in = UInt32(chunk)
                    pendingInput -= chunk
                }
                if stream.pointee.avail_out == 0 && pendingOutput > 0 {
                    let chunk = min(pendingOutput, Int(UInt32.max))
                    stream.pointee.avail_out = UInt32(chunk)
                    pendingOutput -= chunk
                }
                let status = deflate(stream, pendingInput == 0 ? Z_FINISH : Z_NO_FLUSH)
                if status == Z_STREAM_END { break }
                precondition(status == Z_OK || status == Z_BUF_ERROR, "zlib deflate failed (status \(status))")
            }
            return stream.pointee.next_out - destination
        }
    }

    /// Decompresses `input`, producing at most `limit` bytes.
    ///
    /// Output grows as zlib produces it (starting from what the input could at most expand to)
    /// and never beyond `limit`: once `limit` bytes are out, one more byte of output means
    /// `.outputTooLarge`. Headers' size fields are never trusted.
    /// - Parameter members: accept several concatenated streams (gzip members), and zero
    ///   padding after the last one.
    static func decompress(_ input: UnsafeRawBufferPointer, limit: Int, container: DeflateContainer, members: Bool) throws(CodecError) -> [UInt8] {
        let name = container.name
        guard limit >= 0 else {
            throw CodecError(.gzip, .outputTooLarge, "\(name) output limit \(limit) is negative")
        }
        guard let base = input.baseAddress, !input.isEmpty else {
            throw CodecError(.gzip, .truncated, "empty input: not a \(name) stream", offset: 0)
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let initStatus = inflateInit2_(stream, container.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw CodecError(.gzip, .unsupported, "zlib could not start decoding \(name) (status \(initStatus))")
        }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        var pendingInput = input.count
        func consumed() -> Int { input.count - pendingInput - Int(stream.pointee.avail_in) }

        let (scaled, overflow) = input.count.multipliedReportingOverflow(by: maxExpansion)
        var output = OutputBuffer(capacity: overflow ? limit : min(limit, scaled + 64))
        decoding: while true {
            if stream.pointee.avail_in == 0 && pendingInput > 0 {
                let chunk = min(pendingInput, Int(UInt32.max))
                stream.pointee.avail_in = UInt32(chunk)
                pendingInput -= chunk
            }
            if output.isFull && output.capacity < limit {
                output.grow(to: min(limit, max(1, output.capacity * 2)))
            }
            let status: Int32
            if !output.isFull {
                let room = min(output.capacity - output.count, Int(UInt32.max))
                stream.pointee.next_out = output.end
                stream.pointee.avail_out = UInt32(room)
                status = inflate(stream, Z_NO_FLUSH)
                output.count += room - Int(stream.pointee.avail_out)
            } else {
                // `limit` bytes are out: one more byte would exceed it.
                var probe: UInt8 = 0
                status = withUnsafeMutablePointer(to: &probe) { pointer in
                    stream.pointee.next_out = pointer
                    stream.pointee.avail_out = 1
                    return inflate(stream, Z_NO_FLUSH)
                }
                if stream.pointee.avail_out == 0 {
                    throw CodecError(.gzip, .outputTooLarge,
                                     "\(name) stream expands to more than the limit of \(limit) bytes", offset: consumed())
                }
            }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                let remaining = input.count - consumed()
                if remaining == 0 { break decoding }
                if members {
                    let rest = UnsafeRawBufferPointer(rebasing: input[consumed()...])
                    if rest.allSatisfy({ $0 == 0 }) { break decoding }
                    inflateReset(stream)
                    continue
                }
                throw CodecError(.gzip, .corrupt, "\(remaining) bytes follow the end of the \(name) stream", offset: consumed())
            case Z_BUF_ERROR where stream.pointee.avail_in == 0 && pendingInput == 0:
                throw CodecError(.gzip, .truncated, "input ends before the end of the \(name) stream", offset: input.count)
            case Z_BUF_ERROR:
                // Input and output room were both available, yet zlib could not move.
                throw CodecError(.gzip, .corrupt, "zlib made no progress decoding \(name)", offset: consumed())
            case Z_NEED_DICT:
                throw CodecError(.gzip, .unsupported, "\(name) stream needs a preset dictionary", offset: consumed())
            case Z_DATA_ERROR:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
                let isChecksum = detail.hasSuffix("data check") || detail.hasSuffix("length check") || detail.contains("crc mismatch")
                throw CodecError(.gzip, isChecksum ? .checksum : .corrupt, "\(name) stream is corrupt: \(detail)", offset: consumed())
            case Z_MEM_ERROR:
                throw CodecError(.gzip, .unsupported, "zlib ran out of memory decoding \(name)", offset: consumed())
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw CodecError(.gzip, .corrupt, "zlib failed decoding \(name): \(detail)", offset: consumed())
            }
        }
        return output.bytes()
    }
}
