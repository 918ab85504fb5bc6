/// The Snappy block encoder: greedy LZ77 over 64 KiB fragments with a hash table of 4-byte
/// sequences, skipping ahead faster the longer it goes without finding a match.
enum SnappyCompressor {
    /// Fragments are compressed independently; offsets within one always fit in 16 bits.
    static let fragmentLength = 1 << 16
    /// The largest hash table, in entries (positions within a fragment).
    static let maxTableBits = 14
    /// Matches never start in the last this-many bytes of a fragment, so that the 4- and
    /// 8-byte loads of the match finder stay inside the fragment.
    static let inputMargin = 15
    /// Multiplier of the 4-byte hash (a large odd constant with well-mixed bits).
    static let hashMultiplier: UInt32 = 0x1E35_A7BD

    /// Writes a complete block for `count` bytes at `source` to `destination` (which has room
    /// for ``Snappy/maxCompressedLength(_:)`` bytes); returns the number of bytes written.
    static func compress(_ source: UnsafePointer<UInt8>?, count: Int, into destination: UnsafeMutablePointer<UInt8>) -> Int {
        var out = writeVarint(UInt32(count), to: destination)
        guard let source, count > 0 else { return out - destination }
        let outputEnd = destination + Snappy.maxCompressedLength(count)
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << maxTableBits)
        defer { table.deallocate() }
        var start = 0
        while start < count {
            let length = min(fragmentLength, count - start)
            out = compressFragment(source + start, count: length, table: table, into: out, outputEnd: outputEnd)
            start += length
        }
        return out - destination
    }

    /// Writes `value` as a little-endian base-128 varint; returns the next output position.
    static func writeVarint(_ value: UInt32, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var out = destination
        var rest = value
        while rest >= 0x80 {
            out.pointee = UInt8(truncatingIfNeeded: rest) | 0x80
            out += 1
            rest >>= 7
        }
        out.pointee = UInt8(rest)
        return out + 1
    }

    /// Compresses one fragment of at most 64 KiB; returns the next output position.
    static func compressFragment(
        _ base: UnsafePointer<UInt8>, count: Int, table: UnsafeMutablePointer<UInt16>,
        into destination: UnsafeMutablePointer<UInt8>, outputEnd: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        var out = destination
        var nextEmit = 0
        if count > inputMargin {
            var tableBits = 8
            while tableBits < maxTableBits && (1 << tableBits) < count { tableBits += 1 }
            table.update(repeating: 0, count: 1 << tableBits)
            let shift = UInt32(32 - tableBits)
            let lastMatchStart = count - inputMargin
            var position = 1
            search: while position <= lastMatchStart {
                // Look for a 4-byte match; after 32 misses the step grows by 1/32 per miss, so
                // incompressible stretches are skipped quickly.
                var attempts = 32
                var current = load32(base + position)
                var candidate = 0
                while true {
                    let slot = Int((current &* hashMultiplier) >> shift)
                    candidate = Int(table[slot])
                    table[slot] = UInt16(truncatingIfNeeded: position)
                    if load32(base + candidate) == current { break }
                    let step = attempts &>> 5
                    position &+= step
                    attempts &+= step
                    if position > lastMatchStart { break search }
                    current = load32(base + position)
                }
                let literalLength = position &- nextEmit
                if literalLength > 0 && literalLength <= 16 && outputEnd - out >= 17 {
                    // A short literal before a match: the fragment has 16 readable bytes from
                    // `nextEmit` (matches start at least `inputMargin` bytes before its end).
                    out.pointee = UInt8(truncatingIfNeeded: (literalLength &- 1) &<< 2)
                    let source = UnsafeRawPointer(base + nextEmit), target = UnsafeMutableRawPointer(out + 1)
                    target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                    (target + 8).storeBytes(of: (source + 8).loadUnaligned(as: UInt64.self), as: UInt64.self)
                    out += 1 &+ literalLength
                } else if literalLength > 0 {
                    out = emitLiteral(base + nextEmit, count: literalLength, to: out)
                }
                // Emit the match, then keep emitting copies while the next position matches too.
                while true {
                    let length = 4 + matchLength(base + candidate + 4, base + position + 4, end: base + count)
                    out = emitCopy(offset: position - candidate, length: length, to: out)
                    position += length
                    nextEmit = position
                    if position > lastMatchStart { break search }
                    let previous = load32(base + position - 1)
                    table[Int((previous &* hashMultiplier) >> shift)] = UInt16(truncatingIfNeeded: position - 1)
                    current = load32(base + position)
                    let slot = Int((current &* hashMultiplier) >> shift)
                    candidate = Int(table[slot])
                    table[slot] = UInt16(truncatingIfNeeded: position)
                    if load32(base + candidate) != current { break }
                }
                position += 1
            }
        }
        if nextEmit < count {
            out = emitLiteral(base + nextEmit, count: count - nextEmit, to: out)
        }
        return out
    }

    /// How many bytes from `candidate` and `current` are equal, not reading at or past `end`
    /// (`candidate` precedes `current`).
    @inline(__always)
    static func matchLength(_ candidate: UnsafePointer<UInt8>, _ current: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) -> Int {
        var length = 0
        while current + length + 8 <= end {
            let difference = load64(candidate + length) ^ load64(current + length)
            if difference != 0 { return length + difference.trailingZeroBitCount >> 3 }
            length += 8
        }
        while current + length < end && candidate[length] == current[length] { length += 1 }
        return length
    }

    /// Writes a literal element of `count` bytes from `source`; returns the next output position.
    @inline(__always)
    static func emitLiteral(_ source: UnsafePointer<UInt8>, count: Int, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var out = destination
        let stored = count - 1
        if stored < 60 {
            out[0] = UInt8(truncatingIfNeeded: stored << 2)
            out += 1
        } else {
            var extraBytes = 1
            while extraBytes < 4 && stored >> (8 * extraBytes) != 0 { extraBytes += 1 }
            out[0] = UInt8(truncatingIfNeeded: (59 + extraBytes) << 2)
            for byte in 0..<extraBytes {
                out[1 + byte] = UInt8(truncatingIfNeeded: stored >> (8 * byte))
            }
            out += 1 + extraBytes
        }
        out.update(from: source, count: count)
        return out + count
    }

    /// Writes copy elements for a match of `length` (at least 4) bytes at distance `offset`
    /// (at most 65535); returns the next output position.
    @inline(__always)
    static func emitCopy(offset: Int, length: Int, to destination: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if length < 12 && offset < 2048 {
            // The common short match: one 2-byte element.
            destination[0] = UInt8(truncatingIfNeeded: 1 | ((length - 4) << 2) | ((offset >> 8) << 5))
            destination[1] = UInt8(truncatingIfNeeded: offset)
            return destination + 2
        }
        var out = destination
        var remaining = length
        // Split long matches so that the last piece is at least 4 bytes long.
        while remaining >= 68 {
            out = emitTwoByteOffsetCopy(offset: offset, length: 64, to: out)
            remaining -= 64
        }
        if remaining > 64 {
            out = emitTwoByteOffsetCopy(offset: offset, length: 60, to: out)
            remaining -= 60
        }
        if remaining < 12 && offset < 2048 {
            out[0] = UInt8(truncatingIfNeeded: 1 | ((remaining - 4) << 2) | ((offset >> 8) << 5))
            out[1] = UInt8(truncatingIfNeeded: offset)
            return out + 2
        }
        return emitTwoByteOffsetCopy(offset: offset, length: remaining, to: out)
    }

    /// Writes one copy element with a 2-byte offset and a length of 1...64.
    @inline(__always)
    static func emitTwoByteOffsetCopy(offset: Int, length: Int, to out: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        out[0] = UInt8(truncatingIfNeeded: 2 | ((length - 1) << 2))
        out[1] = UInt8(truncatingIfNeeded: offset)
        out[2] = UInt8(truncatingIfNeeded: offset >> 8)
        return out + 3
    }

    @inline(__always)
    static func load32(_ pointer: UnsafePointer<UInt8>) -> UInt32 {
        UnsafeRawPointer(pointer).loadUnaligned(as: UInt32.self)
    }

    @inline(__always)
    static func load64(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }
}
