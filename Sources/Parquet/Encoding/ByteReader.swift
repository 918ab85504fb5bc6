/// A bounds-checked cursor over an encoded byte region (a page body or part of one).
///
/// Decoders never index past ``end``; every overrun becomes a ``ParquetError``.
struct ByteReader {
    let base: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    init(_ base: UnsafeRawBufferPointer, position: Int = 0, end: Int? = nil) {
        self.base = base
        self.position = position
        self.end = end ?? base.count
    }

    var remaining: Int { end - position }

    static func corrupt(_ message: String) -> ParquetError { ParquetError(.corruptData, message) }

    mutating func byte() throws(ParquetError) -> UInt8 {
        guard position < end else { throw Self.corrupt("encoded data ends unexpectedly") }
        let b = base[position]
        position += 1
        return b
    }

    mutating func uleb() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Self.corrupt("varint longer than 10 bytes") }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func zigzag() throws(ParquetError) -> Int64 {
        let v = try uleb()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func uint32LE() throws(ParquetError) -> UInt32 {
        guard remaining >= 4 else { throw Self.corrupt("need 4 bytes, \(remaining) remain") }
        let v = base.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        position += 4
        return UInt32(littleEndian: v)
    }

    /// Takes `count` bytes as a sub-region, advancing past them.
    mutating func take(_ count: Int) throws(ParquetError) -> ByteReader {
        guard count >= 0, count <= remaining else {
            throw Self.corrupt("length \(count) exceeds the \(remaining) remaining bytes")
        }
        let sub = ByteReader(base, position: position, end: position + count)
        position += count
        return sub
    }
}

/// Calls `body` with the bytes of `array`, preserving the typed error (the standard library's
/// `withUnsafeBytes` only rethrows untyped errors).
@inline(__always)
func withBytes<R>(_ array: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
    var result: Result<R, ParquetError>?
    array.withUnsafeBytes { b in
        do throws(ParquetError) { result = .success(try body(b)) } catch { result = .failure(error) }
    }
    return try result!.get()
}

/// Calls `body` with the bytes of `slice`, passing typed errors through.
func withBytes<R>(_ slice: ArraySlice<UInt8>, _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
    var result: Result<R, ParquetError>?
    slice.withUnsafeBytes { b in
        do throws(ParquetError) { result = .success(try body(b)) } catch { result = .failure(error) }
    }
    return try result!.get()
}
