/// Decoders for DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
enum DeltaDecoder {
    /// The largest block size accepted (the format uses 128 by default).
    static let maxBlockSize = 1 << 16

    /// Decodes a DELTA_BINARY_PACKED stream of at most `limit` values; returns the values (64-bit,
    /// wrapping arithmetic: 32-bit columns truncate) and leaves `reader` after the stream.
    static func binaryPacked(_ reader: inout ByteReader, limit: Int) throws(ParquetError) -> [Int64] {
        let blockSize = try reader.uleb()
        let miniblocks = try reader.uleb()
        let total = try reader.uleb()
        var value = try reader.zigzag()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= UInt64(maxBlockSize) else {
            throw ByteReader.corrupt("DELTA_BINARY_PACKED block size \(blockSize) is not a positive multiple of 128 (≤ \(maxBlockSize))")
        }
        guard miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0 else {
            throw ByteReader.corrupt("DELTA_BINARY_PACKED has \(miniblocks) miniblocks per block of \(blockSize)")
        }
        guard total <= UInt64(limit) else {
            throw ByteReader.corrupt("DELTA_BINARY_PACKED claims \(total) values, at most \(limit) expected")
        }
        let count = Int(total)
        let perMini = Int(blockSize / miniblocks)
        var out: [Int64] = []
        out.reserveCapacity(count)
        if count == 0 { return out }
        out.append(value)
        var widths = [Int](repeating: 0, count: Int(miniblocks))
        while out.count < count {
            let minDelta = try reader.zigzag()
            for m in 0..<widths.count {
                let w = Int(try reader.byte())
                guard w <= 64 else { throw ByteReader.corrupt("DELTA_BINARY_PACKED bit width \(w) is greater than 64") }
                widths[m] = w
            }
            for m in 0..<widths.count where out.count < count {
                let w = widths[m]
                let bytes = perMini * w / 8
                guard bytes <= reader.remaining else {
                    throw ByteReader.corrupt("DELTA_BINARY_PACKED miniblock needs \(bytes) bytes, \(reader.remaining) remain")
                }
                let take = min(perMini, count - out.count)
                BitPacking.unpack(reader.base, start: reader.position, end: reader.end, count: take, bitWidth: w) { _, delta in
                    value = value &+ minDelta &+ Int64(bitPattern: delta)
                    out.append(value)
                }
                reader.position += bytes
            }
        }
        return out
    }

    /// Decodes `count` DELTA_LENGTH_BYTE_ARRAY values.
    static func lengthByteArray(_ reader: inout ByteReader, count: Int, into values: inout DecodedValues) throws(ParquetError) {
        let lengths = try binaryPacked(&reader, limit: count)
        guard lengths.count == count else { throw ByteReader.corrupt("DELTA_LENGTH_BYTE_ARRAY has \(lengths.count) lengths, expected \(count)") }
        for n in lengths {
            guard n >= 0, n <= Int64(reader.remaining) else { throw ByteReader.corrupt("byte array length \(n) out of range") }
            let len = Int(n)
            values.appendBytes(UnsafeRawBufferPointer(rebasing: reader.base[reader.position..<(reader.position + len)]))
            reader.position += len
        }
    }

    /// Decodes `count` DELTA_BYTE_ARRAY (incremental / front-coded) values.
    static func byteArray(_ reader: inout ByteReader, count: Int, into values: inout DecodedValues) throws(ParquetError) {
        let prefixes = try binaryPacked(&reader, limit: count)
        let suffixes = try binaryPacked(&reader, limit: count)
        guard prefixes.count == count, suffixes.count == count else {
            throw ByteReader.corrupt("DELTA_BYTE_ARRAY has \(prefixes.count) prefixes and \(suffixes.count) suffixes, expected \(count)")
        }
        var previous: [UInt8] = []
        var current: [UInt8] = []
        for i in 0..<count {
            let p = prefixes[i], s = suffixes[i]
            guard p >= 0, p <= Int64(previous.count) else { throw ByteReader.corrupt("DELTA_BYTE_ARRAY prefix \(p) longer than the previous value") }
            guard s >= 0, s <= Int64(reader.remaining) else { throw ByteReader.corrupt("DELTA_BYTE_ARRAY suffix length \(s) out of range") }
            current.removeAll(keepingCapacity: true)
            current.append(contentsOf: previous[0..<Int(p)])
            current.append(contentsOf: UnsafeRawBufferPointer(rebasing: reader.base[reader.position..<(reader.position + Int(s))]))
            reader.position += Int(s)
            if values.physical == .fixedLenByteArray && current.count != values.width {
                throw ByteReader.corrupt("DELTA_BYTE_ARRAY value of \(current.count) bytes in a \(values.width)-byte column")
            }
            current.withUnsafeBytes { values.appendBytes($0) }
            swap(&previous, &current)
        }
    }

    /// Decodes `count` BYTE_STREAM_SPLIT values of the column's fixed width.
    static func byteStreamSplit(_ reader: inout ByteReader, count: Int, into values: inout DecodedValues) throws(ParquetError) {
        let width: Int
        switch values.physical {
        case .int32, .float: width = 4
        case .int64, .double: width = 8
        case .fixedLenByteArray: width = values.width
        default: throw ParquetError(.unsupported, "BYTE_STREAM_SPLIT is not defined for \(values.physical)")
        }
        guard width > 0, count <= reader.remaining / width else {
            throw ByteReader.corrupt("BYTE_STREAM_SPLIT needs \(count * width) bytes, \(reader.remaining) remain")
        }
        var plain = [UInt8](repeating: 0, count: count * width)
        let p = reader.base, start = reader.position
        for k in 0..<width {
            let stream = start + k * count
            for i in 0..<count { plain[i * width + k] = p[stream + i] }
        }
        reader.position += count * width
        try withBytes(plain) { (b) throws(ParquetError) in
            var r = ByteReader(b)
            try PlainDecoder.decode(&r, count: count, into: &values)
        }
    }
}
