/// Decoding of the PLAIN encoding into ``DecodedValues``.
enum PlainDecoder {
    /// Decodes `count` values of `values.physical` type from `reader`.
    static func decode(_ reader: inout ByteReader, count: Int, into values: inout DecodedValues) throws(ParquetError) {
        switch values.physical {
        case .boolean:
            let bytes = (count + 7) / 8
            guard bytes <= reader.remaining else { throw ByteReader.corrupt("PLAIN booleans need \(bytes) bytes, \(reader.remaining) remain") }
            let p = reader.base, start = reader.position
            for i in 0..<count { values.bools.append((p[start + i >> 3] >> UInt8(i & 7)) & 1 == 1) }
            reader.position += bytes
        case .int32: try fixed(&reader, count, &values.ints32)
        case .int64: try fixed(&reader, count, &values.ints64)
        case .float: try fixed(&reader, count, &values.floats)
        case .double: try fixed(&reader, count, &values.doubles)
        case .int96:
            guard count <= reader.remaining / 12 else { throw ByteReader.corrupt("PLAIN INT96 values need \(count * 12) bytes, \(reader.remaining) remain") }
            for _ in 0..<count {
                let nanos = reader.base.loadUnaligned(fromByteOffset: reader.position, as: UInt64.self)
                let day = reader.base.loadUnaligned(fromByteOffset: reader.position + 8, as: UInt32.self)
                values.ints64.append(int96ToNanos(nanosOfDay: Int64(bitPattern: UInt64(littleEndian: nanos)), julianDay: Int64(UInt32(littleEndian: day))))
                reader.position += 12
            }
        case .byteArray:
            for _ in 0..<count {
                let n = Int(try reader.uint32LE())
                guard n <= reader.remaining else { throw ByteReader.corrupt("PLAIN byte array length \(n) exceeds the \(reader.remaining) remaining bytes") }
                values.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: reader.base[reader.position..<(reader.position + n)]))
                values.offsets.append(values.data.count)
                reader.position += n
            }
        case .fixedLenByteArray:
            let w = values.width
            guard w == 0 || count <= reader.remaining / w else {
                throw ByteReader.corrupt("PLAIN fixed-length values need \(count * w) bytes, \(reader.remaining) remain")
            }
            values.data.append(contentsOf: UnsafeRawBufferPointer(rebasing: reader.base[reader.position..<(reader.position + count * w)]))
            reader.position += count * w
        }
    }

    /// Converts an INT96 timestamp (nanoseconds of day + Julian day) to nanoseconds since the epoch.
    static func int96ToNanos(nanosOfDay: Int64, julianDay: Int64) -> Int64 {
        (julianDay &- 2_440_588) &* 86_400_000_000_000 &+ nanosOfDay
    }

    private static func fixed<T: BitwiseCopyable & Numeric>(_ reader: inout ByteReader, _ count: Int, _ out: inout [T]) throws(ParquetError) {
        let size = MemoryLayout<T>.size
        guard count <= reader.remaining / size else {
            throw ByteReader.corrupt("PLAIN values need \(count * size) bytes, \(reader.remaining) remain")
        }
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        let bytes = UnsafeRawBufferPointer(rebasing: reader.base[reader.position..<(reader.position + count * size)])
        out.withUnsafeMutableBytes { dst in
            UnsafeMutableRawBufferPointer(rebasing: dst[(start * size)...]).copyMemory(from: bytes)
        }
        reader.position += count * size
    }
}
