/// Reads a Zstandard backward bitstream (FSE and Huffman payloads).
///
/// The stream is written forwards, least significant bit first, and closed by a single
/// `1` marker bit in its last byte; it is read from that marker back towards the first
/// byte. Reads past the start yield unspecified bits but never touch memory outside the
/// stream: callers detect that case with ``isOverflowed`` / ``isFinished``.
struct ReverseBitReader {
    /// The first byte of the stream.
    let start: UnsafePointer<UInt8>
    /// Offset from `start` of the 8-byte window held in `container`.
    var position: Int
    /// The current 8-byte window, little endian.
    var container: UInt64
    /// Bits already consumed from the top of `container`.
    var consumed: Int

    /// Opens the stream `start[0..<count]`; `offset` is its position in the compressed input.
    init(_ start: UnsafePointer<UInt8>, count: Int, offset: Int) throws(CodecError) {
        guard count > 0 else { throw Zstd.truncated("empty bitstream", at: offset) }
        let last = start[count - 1]
        guard last != 0 else { throw Zstd.corrupt("bitstream lacks its end marker bit", at: offset + count - 1) }
        self.start = start
        let marker = last.leadingZeroBitCount + 1
        if count >= 8 {
            position = count - 8
            container = UnsafeRawPointer(start + position).loadUnaligned(as: UInt64.self).littleEndian
            consumed = marker
        } else {
            position = 0
            var c: UInt64 = 0
            for i in 0..<count { c |= UInt64(start[i]) << UInt64(8 * i) }
            container = c
            consumed = (8 - count) * 8 + marker
        }
    }

    /// Reads `count` bits (0...57 since the last reload); the first bit read is the most significant.
    @inline(__always)
    mutating func read(_ count: Int) -> Int {
        let value = ((container &<< UInt64(truncatingIfNeeded: consumed)) &>> 1) &>> UInt64(truncatingIfNeeded: 63 &- count)
        consumed &+= count
        return Int(truncatingIfNeeded: value)
    }

    /// The next `count` bits (1...57) without consuming them.
    @inline(__always)
    func peek(_ count: Int) -> Int {
        Int(truncatingIfNeeded: (container &<< UInt64(truncatingIfNeeded: consumed)) &>> UInt64(truncatingIfNeeded: 64 &- count))
    }

    /// Refills the window so that at least 57 bits can be read (unless the start is near).
    @inline(__always)
    mutating func reload() {
        if consumed > 64 { return }
        if position >= 8 {
            position &-= consumed &>> 3
            consumed &= 7
        } else if position == 0 {
            return
        } else {
            let bytes = min(consumed &>> 3, position)
            position &-= bytes
            consumed &-= bytes &<< 3
        }
        container = UnsafeRawPointer(start + position).loadUnaligned(as: UInt64.self).littleEndian
    }

    /// True once every bit of the stream has been read, and no more.
    var isFinished: Bool { position == 0 && consumed == 64 }

    /// True when more bits were read than the stream holds (valid right after ``reload()``).
    var isOverflowed: Bool { consumed > 64 }
}

/// Reads a forward, least-significant-bit-first bitstream (FSE table descriptions).
struct ForwardBitReader {
    let start: UnsafePointer<UInt8>
    let count: Int
    /// Bits read so far.
    var bitPosition = 0

    init(_ start: UnsafePointer<UInt8>, count: Int) {
        self.start = start
        self.count = count
    }

    /// Reads `n` bits (0...24); bits past the end read as zero (check ``bytesConsumed``).
    mutating func read(_ n: Int) -> Int {
        var value = 0
        var got = 0
        var bit = bitPosition
        while got < n {
            let byteIndex = bit >> 3
            let byte = byteIndex < count ? Int(start[byteIndex]) : 0
            let shift = bit & 7
            let take = min(8 - shift, n - got)
            value |= ((byte >> shift) & ((1 << take) - 1)) << got
            got += take
            bit += take
        }
        bitPosition = bit
        return value
    }

    /// The next `n` bits without consuming them.
    mutating func peek(_ n: Int) -> Int {
        let saved = bitPosition
        defer { bitPosition = saved }
        return read(n)
    }

    /// Whole bytes touched so far.
    var bytesConsumed: Int { (bitPosition + 7) >> 3 }
}
