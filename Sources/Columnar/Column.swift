import Foundation

/// One column of a ``RecordBatch``: a logical type, typed contiguous values and an
/// optional validity mask.
public struct Column: Sendable, Equatable {
    /// The logical type.
    public let type: DataType
    /// The typed storage; null slots hold placeholders.
    public let values: ColumnValues
    /// `true` where the row holds a value; `nil` means no row is null.
    public let validity: Buffer<Bool>?
    /// The number of null rows.
    public let nullCount: Int

    /// Creates a column; `validity` (when given) must have one entry per row.
    public init(type: DataType, values: ColumnValues, validity: Buffer<Bool>? = nil) {
        precondition(validity == nil || validity!.count == values.count, "validity length must equal value count")
        self.type = type
        self.values = values
        var nulls = 0
        if let validity {
            validity.withUnsafeBufferPointer { p in nulls = Self.countFalse(p) }
        }
        self.validity = nulls == 0 ? nil : validity
        self.nullCount = nulls
    }

    init(type: DataType, values: ColumnValues, validity: Buffer<Bool>?, nullCount: Int) {
        self.type = type
        self.values = values
        self.validity = nullCount == 0 ? nil : validity
        self.nullCount = nullCount
    }

    /// The number of rows.
    public var count: Int { values.count }

    /// How many of `flags` are false, without a branch per element (so the loop vectorizes).
    static func countFalse(_ flags: UnsafeBufferPointer<Bool>) -> Int {
        // A Bool is stored as one byte holding 0 or 1: summing the bytes counts the trues.
        var trues = 0
        for byte in UnsafeRawBufferPointer(flags) { trues &+= Int(byte) }
        return flags.count - trues
    }

    /// Whether row `i` is null.
    @inlinable public func isNull(_ i: Int) -> Bool { validity.map { !$0[i] } ?? false }

    /// An O(1) view of rows `range` sharing this column's storage.
    public func slice(_ range: Range<Int>) -> Column {
        let v = validity?.slice(range)
        var nulls = 0
        if let v { v.withUnsafeBufferPointer { p in nulls = Self.countFalse(p) } }
        return Column(type: type, values: values.slice(range), validity: v, nullCount: nulls)
    }

    /// Row `i` as a ``Value`` (slow path; for printing and tests).
    public func value(at i: Int) -> Value {
        if isNull(i) { return .null }
        switch (values, type) {
        case (.boolean(let b), _): return .boolean(b[i])
        case (.int32(let b), .date): return .date(b[i])
        case (.int32(let b), _): return .int32(b[i])
        case (.int64(let b), .timestamp(let unit, _)): return .timestamp(b[i], unit)
        case (.int64(let b), _): return .int64(b[i])
        case (.float(let b), _): return .float(b[i])
        case (.double(let b), _): return .double(b[i])
        case (.decimal(let b), .decimal(_, let scale)): return .decimal(b[i], scale: scale)
        case (.decimal(let b), _): return .decimal(b[i], scale: 0)
        case (.bytes(let v), .string): return .string(v.string(i))
        case (.bytes(let v), _): return .binary(Array(v.bytes(i)))
        case (.fixed(let w, let b), .uuid):
            let bytes = Array(b.slice((i * w)..<((i + 1) * w)))
            return .uuid(UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                     bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])))
        case (.fixed(let w, let b), _): return .binary(Array(b.slice((i * w)..<((i + 1) * w))))
        case (.list(let offsets, let child), _):
            return .list((offsets[i]..<offsets[i + 1]).map { child.value(at: $0) })
        }
    }

    /// All rows as ``Value``s (slow path).
    public var allValues: [Value] { (0..<count).map(value(at:)) }
}
