/// The Snappy block decoder: validates every element and never writes past the output it
/// allocated (the preamble's length, itself checked against the caller's limit).
enum SnappyDecompressor {
    /// The longest varint a 32-bit length needs.
    static let maxPreambleBytes = 5
    /// The most output bytes one input byte can produce: a 3-byte copy element yields 64.
    static let maxExpansionNumerator = 64, maxExpansionDenominator = 3

    /// Reads the uncompressed-length preamble; returns it with the number of bytes it took.
    static func readPreamble(_ input: UnsafeRawBufferPointer) throws(CodecError) -> (length: Int, size: Int) {
        var value: UInt64 = 0
        var index = 0
        while true {
            guard index < input.count else {
                throw CodecError(.snappy, .truncated,
                                 input.isEmpty ? "empty input: a Snappy block starts with its uncompressed length"
                                               : "input ends inside the uncompressed-length preamble", offset: index)
            }
            guard index < maxPreambleBytes else {
                throw CodecError(.snappy, .corrupt, "uncompressed-length preamble is longer than \(maxPreambleBytes) bytes", offset: index)
            }
            let byte = input[index]
            value |= UInt64(byte & 0x7F) << (7 * index)
            index += 1
            if byte & 0x80 == 0 { break }
        }
        guard value <= UInt64(UInt32.max) else {
            throw CodecError(.snappy, .corrupt, "uncompressed-length preamble \(value) does not fit in 32 bits", offset: 0)
        }
        return (Int(value), index)
    }

    /// Decodes a whole block, producing at most `limit` bytes.
    static func decompress(_ input: UnsafeRawBufferPointer, limit: Int) throws(CodecError) -> [UInt8] {
        var output: [UInt8] = []
        try decompress(input, limit: limit, into: &output, fresh: true)
        return output
    }

    /// Decodes a whole block into `output`, replacing its contents (its storage is reused when
    /// large enough; with `fresh` the output is built without zero-filling first).
    static func decompress(_ input: UnsafeRawBufferPointer, limit: Int, into output: inout [UInt8], fresh: Bool = false) throws(CodecError) {
        let (length, start) = try readPreamble(input)
        guard length <= limit else {
            throw CodecError(.snappy, .outputTooLarge,
                             "block declares \(length) uncompressed bytes, more than the limit of \(limit)", offset: 0)
        }
        let body = input.count - start
        guard length <= body * maxExpansionNumerator / maxExpansionDenominator else {
            throw CodecError(.snappy, .truncated,
                             "\(body) bytes of Snappy elements cannot expand to the \(length) bytes the block declares; it is truncated or corrupt",
                             offset: input.count)
        }
        guard length > 0 else {
            guard body == 0 else {
                throw CodecError(.snappy, .outputTooLarge, "block declares 0 uncompressed bytes but has elements", offset: start)
            }
            output.removeAll(keepingCapacity: true)
            return
        }
        // `length > 0` implies `body > 0`, so the input has a base address.
        let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var failure: CodecError?
        if fresh || output.capacity < length {
            output = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                failure = decodeElements(source, from: start, to: input.count, into: buffer.baseAddress!, capacity: length)
                initialized = failure == nil ? length : 0
            }
        } else {
            // Reused storage: zero-filled only where it grows (once), then overwritten.
            if output.count < length {
                output.append(contentsOf: repeatElement(0, count: length - output.count))
            } else {
                output.removeLast(output.count - length)
            }
            output.withUnsafeMutableBufferPointer { buffer in
                failure = decodeElements(source, from: start, to: input.count, into: buffer.baseAddress!, capacity: length)
            }
        }
        if let failure { throw failure }
    }

    /// The input bytes the fast path needs after an element's tag: a 16-byte literal move or a 4-byte offset load.
    static let fastInputSlack = 1 + 16
    /// The output room the fast path needs: a 16-byte literal move or a 64-byte copy in 8-byte moves.
    static let fastOutputSlack = 64

    /// For each tag byte of a copy element: its length (bits 0-7), the high bits of a 1-byte
    /// offset (bits 8-15) and the number of offset bytes that follow the tag (bits 16-23).
    static let copyTagTable: [UInt32] = (0..<256).map { tag in
        switch tag & 3 {
        case 1: UInt32(4 + (tag >> 2) & 7) | UInt32(tag >> 5) << 8 | 1 << 16
        case 2: UInt32((tag >> 2) + 1) | 2 << 16
        case 3: UInt32((tag >> 2) + 1) | 4 << 16
        default: 0
        }
    }

    /// Decodes the elements in `source[start..<end]` into exactly `capacity` bytes at
    /// `destination`; returns the first problem found, or nil when the output is complete.
    static func decodeElements(
        _ source: UnsafePointer<UInt8>, from start: Int, to end: Int,
        into destination: UnsafeMutablePointer<UInt8>, capacity: Int
    ) -> CodecError? {
        copyTagTable.withUnsafeBufferPointer { copyTags in
            decodeElements(source, from: start, to: end, into: destination, capacity: capacity, copyTags: copyTags.baseAddress!)
        }
    }

    /// ``decodeElements(_:from:to:into:capacity:)`` with the copy tag table at hand.
    static func decodeElements(
        _ source: UnsafePointer<UInt8>, from start: Int, to end: Int,
        into destination: UnsafeMutablePointer<UInt8>, capacity: Int, copyTags: UnsafePointer<UInt32>
    ) -> CodecError? {
        var input = start
        var written = 0
        // The last positions from which the fast path has its slack on each side.
        let fastInputEnd = end - fastInputSlack, fastOutputEnd = capacity - fastOutputSlack
        while input < end {
            // Fast path: with room for the widest short element on both sides, a short literal or
            // a copy whose offset is valid and at least 8 needs no further checks. Anything else
            // (long literals, short offsets, invalid elements, the last bytes) takes the checked
            // path below, which reports errors exactly as before.
            if input <= fastInputEnd && written <= fastOutputEnd {
                let tag = Int(source[input])
                if tag & 3 == 0 {
                    if tag < 16 << 2 {
                        let literalLength = (tag >> 2) &+ 1
                        copy16(from: source + (input &+ 1), to: destination + written)
                        input &+= 1 &+ literalLength
                        written &+= literalLength
                        continue
                    }
                } else {
                    // The table's extra-byte count is 1, 2 or 4 here, so the masking shift
                    // (24, 16 or 0) keeps exactly the offset bytes, without a branch.
                    let entry = copyTags[tag]
                    let extraBytes = entry &>> 16
                    let raw = UInt32(littleEndian: UnsafeRawPointer(source + (input &+ 1)).loadUnaligned(as: UInt32.self))
                    let offset = Int(raw & (UInt32.max &>> (32 &- 8 &* extraBytes)) | (entry & 0xFF00))
                    if offset >= 8 && offset <= written {
                        // Two 8-byte moves cover the common short copy (at most 16 bytes); longer
                        // ones continue in 8-byte moves. With an offset of at least 8 each move
                        // reads only bytes already final, so overlapping copies repeat correctly.
                        let length = Int(entry & 0xFF)
                        let target = destination + written
                        let from = target - offset
                        store8(load8(from), at: target)
                        store8(load8(from + 8), at: target + 8)
                        if length > 16 {
                            var moved = 16
                            repeat {
                                store8(load8(from + moved), at: target + moved)
                                moved &+= 8
                            } while moved < length
                        }
                        input &+= 1 &+ Int(extraBytes)
                        written &+= length
                        continue
                    }
                }
            }
            let tagOffset = input
            let tag = Int(source[input])
            input += 1
            if tag & 3 == 0 {
                // A literal run.
                var stored = tag >> 2
                if stored >= 60 {
                    let extraBytes = stored - 59
                    guard end - input >= extraBytes else {
                        return CodecError(.snappy, .truncated, "input ends inside the length of a literal", offset: tagOffset)
                    }
                    stored = 0
                    for byte in 0..<extraBytes { stored |= Int(source[input + byte]) << (8 * byte) }
                    input += extraBytes
                }
                let literalLength = stored + 1
                guard end - input >= literalLength else {
                    return CodecError(.snappy, .truncated,
                                      "literal of \(literalLength) bytes runs past the end of the input (\(end - input) bytes left)",
                                      offset: tagOffset)
                }
                guard capacity - written >= literalLength else {
                    return overrun(literalLength, written: written, capacity: capacity, at: tagOffset)
                }
                if literalLength <= 16 && end - input >= 16 && capacity - written >= 16 {
                    // Short literal with slack on both sides: two 8-byte moves, no memcpy call.
                    copy16(from: source + input, to: destination + written)
                } else {
                    (destination + written).update(from: source + input, count: literalLength)
                }
                input += literalLength
                written += literalLength
                continue
            }
            // A copy: its length, offset width and high offset bits come from one table entry.
            let entry = copyTags[tag]
            let length = Int(entry & 0xFF)
            let extraBytes = Int((entry >> 16) & 0xFF)
            let offsetHigh = Int((entry >> 8) & 0xFF) << 8
            var offset: Int
            if end - input >= 4 {
                let raw = UInt32(littleEndian: UnsafeRawPointer(source + input).loadUnaligned(as: UInt32.self))
                offset = Int(raw & (UInt32.max >> (32 - 8 * extraBytes))) | offsetHigh
            } else {
                guard end - input >= extraBytes else { return truncatedCopy(at: tagOffset) }
                offset = offsetHigh
                for byte in 0..<extraBytes { offset |= Int(source[input + byte]) << (8 * byte) }
            }
            input += extraBytes
            guard offset != 0 else {
                return CodecError(.snappy, .corrupt, "copy with offset 0", offset: tagOffset)
            }
            guard offset <= written else {
                return CodecError(.snappy, .corrupt,
                                  "copy offset \(offset) reaches before the start of the output (\(written) bytes written)",
                                  offset: tagOffset)
            }
            guard capacity - written >= length else {
                return overrun(length, written: written, capacity: capacity, at: tagOffset)
            }
            if offset >= 8 && capacity - written >= length + 8 {
                // Whole 8-byte moves, front to back: with an offset of at least 8 each move
                // reads only bytes already final, so overlapping copies repeat correctly.
                let target = destination + written
                var moved = 0
                repeat {
                    store8(load8(target + moved - offset), at: target + moved)
                    moved += 8
                } while moved < length
            } else {
                copyMatch(to: destination + written, offset: offset, length: length)
            }
            written += length
        }
        guard written == capacity else {
            return CodecError(.snappy, .truncated,
                              "input ends after \(written) of the \(capacity) bytes the block declares", offset: end)
        }
        return nil
    }

    /// Copies `length` bytes from `offset` bytes back, repeating the pattern when the source
    /// overlaps the destination (offset < length).
    @inline(__always)
    static func copyMatch(to target: UnsafeMutablePointer<UInt8>, offset: Int, length: Int) {
        let source = target - offset
        if offset >= length {
            target.update(from: source, count: length)
        } else if length <= 16 {
            for index in 0..<length { target[index] = source[index] }
        } else {
            // The written region from `source` is periodic with period `offset`; copying whole
            // multiples of the period from `source` doubles the available run each round.
            var copied = 0
            while copied < length {
                let chunk = min(length - copied, offset + copied)
                (target + copied).update(from: source, count: chunk)
                copied += chunk
            }
        }
    }

    @inline(__always)
    static func load8(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }

    @inline(__always)
    static func load8(_ pointer: UnsafeMutablePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
    }

    @inline(__always)
    static func store8(_ value: UInt64, at pointer: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: UInt64.self)
    }

    /// Moves 16 bytes; callers check that both sides have 16 bytes of room. Bytes written past
    /// the element are overwritten by the elements that follow (a valid block fills the output
    /// exactly; an invalid one is discarded).
    @inline(__always)
    static func copy16(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>) {
        store8(load8(source), at: target)
        store8(load8(source + 8), at: target + 8)
    }

    static func overrun(_ length: Int, written: Int, capacity: Int, at offset: Int) -> CodecError {
        CodecError(.snappy, .outputTooLarge,
                   "element of \(length) bytes at output byte \(written) exceeds the \(capacity) bytes the block declares",
                   offset: offset)
    }

    static func truncatedCopy(at offset: Int) -> CodecError {
        CodecError(.snappy, .truncated, "input ends inside a copy element", offset: offset)
    }
}
