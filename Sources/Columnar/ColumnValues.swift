/// Variable-length byte strings stored back to back: value `i` is
/// `data[offsets[i] ..< offsets[i + 1]]`.
public struct VariableBytes: Sendable, Equatable {
    /// `count + 1` absolute offsets into ``data``.
    public let offsets: Buffer<Int>
    /// The concatenated bytes (shared between slices).
    public let data: Buffer<UInt8>

    /// Creates variable-length storage; `offsets` must start at a valid position and be non-decreasing.
    public init(offsets: Buffer<Int>, data: Buffer<UInt8>) {
        precondition(offsets.count >= 1, "VariableBytes needs at least one offset")
        self.offsets = offsets
        self.data = data
    }

    /// The number of values.
    @inlinable public var count: Int { offsets.count - 1 }

    /// The byte range of value `i` within ``data``.
    @inlinable public func range(_ i: Int) -> Range<Int> { offsets[i]..<offsets[i + 1] }

    /// The bytes of value `i`.
    @inlinable public func bytes(_ i: Int) -> ArraySlice<UInt8> {
        let r = range(i)
        return data.storage[(data.start + r.lowerBound)..<(data.start + r.upperBound)]
    }

    /// Value `i` decoded as UTF-8 (invalid sequences are repaired).
    @inlinable public func string(_ i: Int) -> String {
        String(decoding: bytes(i), as: UTF8.self)
    }

    /// Calls `body` with the bytes of value `i`, without copying.
    @inlinable public func withBytes<R>(_ i: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let r = range(i)
        return try data.withUnsafeBufferPointer { all in
            try body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[r])))
        }
    }

    /// An O(1) view of values `range`.
    public func slice(_ range: Range<Int>) -> VariableBytes {
        VariableBytes(offsets: offsets.slice(range.lowerBound..<(range.upperBound + 1)), data: data)
    }
}

/// The typed, contiguous storage of a ``Column``, one case per physical representation.
///
/// Slots of null values hold a zero/empty placeholder so that every buffer has one entry per row.
public indirect enum ColumnValues: Sendable, Equatable {
    case boolean(Buffer<Bool>)
    /// `int32` and `date`.
    case int32(Buffer<Int32>)
    /// `int64` and `timestamp`.
    case int64(Buffer<Int64>)
    case float(Buffer<Float>)
    case double(Buffer<Double>)
    /// `decimal`: unscaled values.
    case decimal(Buffer<Int128>)
    /// `string` and `binary`.
    case bytes(VariableBytes)
    /// `uuid` and `fixedBinary`: `count × width` bytes.
    case fixed(width: Int, Buffer<UInt8>)
    /// `list`: `count + 1` offsets into the child column.
    case list(offsets: Buffer<Int>, child: Column)

    /// The number of rows.
    public var count: Int {
        switch self {
        case .boolean(let b): b.count
        case .int32(let b): b.count
        case .int64(let b): b.count
        case .float(let b): b.count
        case .double(let b): b.count
        case .decimal(let b): b.count
        case .bytes(let v): v.count
        case .fixed(let w, let b): w == 0 ? 0 : b.count / w
        case .list(let offsets, _): offsets.count - 1
        }
    }

    /// An O(1) view of rows `range`.
    public func slice(_ range: Range<Int>) -> ColumnValues {
        switch self {
        case .boolean(let b): .boolean(b.slice(range))
        case .int32(let b): .int32(b.slice(range))
        case .int64(let b): .int64(b.slice(range))
        case .float(let b): .float(b.slice(range))
        case .double(let b): .double(b.slice(range))
        case .decimal(let b): .decimal(b.slice(range))
        case .bytes(let v): .bytes(v.slice(range))
        case .fixed(let w, let b): .fixed(width: w, b.slice((range.lowerBound * w)..<(range.upperBound * w)))
        case .list(let offsets, let child): .list(offsets: offsets.slice(range.lowerBound..<(range.upperBound + 1)), child: child)
        }
    }
}
