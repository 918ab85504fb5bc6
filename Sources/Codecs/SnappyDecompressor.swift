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
            return []
        }
        // `length > 0` implies `body > 0`, so the input has a base address.
        let source = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var failure: CodecError?
        let output = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            failure = decodeElements(source, from: start, to: input.count, into: buffer.baseAddress!, capacity: length)
            initialized = failure == nil ? length : 0
        }
        if let failure { throw failure }
        return output
    }

    /// Decodes the elements in `source[start..<end]` into exactly `capacity` bytes at
    /// `destination`; returns the first problem found, or nil when the output is complete.
    static func decodeElements(
        _ source: UnsafePointer<UInt8>, from start: Int, to end: Int,
        into destination: UnsafeMutablePointer<UInt8>, capacity: Int
    ) -> CodecError? {
        var input = start
        var written = 0
        while input < end {
            let tagOffset = input
            let tag = Int(source[input])
            input += 1
            let length: Int
            let offset: Int
            switch tag & 3 {
            case 0:
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
                (destination + written).update(from: source + input, count: literalLength)
                input += literalLength
                written += literalLength
                continue
            case 1:
                guard end - input >= 1 else { return truncatedCopy(at: tagOffset) }
                length = 4 + (tag >> 2) & 7
                offset = (tag >> 5) << 8 | Int(source[input])
                input += 1
            case 2:
                guard end - input >= 2 else { return truncatedCopy(at: tagOffset) }
                length = (tag >> 2) + 1
                offset = Int(source[input]) | Int(source[input + 1]) << 8
                input += 2
            default:
                guard end - input >= 4 else { return truncatedCopy(at: tagOffset) }
                length = (tag >> 2) + 1
                offset = Int(source[input]) | Int(source[input + 1]) << 8
                    | Int(source[input + 2]) << 16 | Int(source[input + 3]) << 24
                input += 4
            }
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
            copyMatch(to: destination + written, offset: offset, length: length)
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

    static func overrun(_ length: Int, written: Int, capacity: Int, at offset: Int) -> CodecError {
        CodecError(.snappy, .outputTooLarge,
                   "element of \(length) bytes at output byte \(written) exceeds the \(capacity) bytes the block declares",
                   offset: offset)
    }

    static func truncatedCopy(at offset: Int) -> CodecError {
        CodecError(.snappy, .truncated, "input ends inside a copy element", offset: offset)
    }
}
