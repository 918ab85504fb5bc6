import Foundation

/// Accumulates rows of one column and turns them into an immutable ``Column``.
///
/// Use the typed `append` methods in hot loops; ``append(_:)`` with a ``Value`` checks the
/// type and is convenient for row-at-a-time producers.
public struct ColumnBuilder: Sendable {
    /// The logical type being built.
    public let type: DataType
    /// Whether nulls are accepted.
    public let nullable: Bool
    /// The column name, used in error messages.
    public let name: String

    /// One flag per row once the first null arrives; empty (all valid) until then, so columns
    /// without nulls cost no second append per value.
    @usableFromInline var validity: [Bool] = []
    @usableFromInline var nullCount = 0
    @usableFromInline var bools: [Bool] = []
    @usableFromInline var ints32: [Int32] = []
    @usableFromInline var ints64: [Int64] = []
    @usableFromInline var floats: [Float] = []
    @usableFromInline var doubles: [Double] = []
    @usableFromInline var decimals: [Int128] = []
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var offsets: [Int] = [0]
    @usableFromInline var children: [ColumnBuilder] = []
    @usableFromInline var rowCount = 0
    /// The number of rows appended so far.
    public var count: Int { rowCount }

    /// Creates a builder for a column of `type`.
    public init(_ type: DataType, nullable: Bool = true, name: String = "") {
        self.type = type
        self.nullable = nullable
        self.name = name
        if case .list(let element) = type {
            children = [ColumnBuilder(element.type, nullable: element.nullable, name: name + ".element")]
        }
    }

    /// Creates a builder for `field`.
    public init(_ field: Field) { self.init(field.type, nullable: field.nullable, name: field.name) }

    /// Reserves room for `n` more rows.
    public mutating func reserveCapacity(_ n: Int) {
        if nullCount > 0 { validity.reserveCapacity(count + n) }
        switch type {
        case .boolean: bools.reserveCapacity(count + n)
        case .int32, .date: ints32.reserveCapacity(count + n)
        case .int64, .timestamp: ints64.reserveCapacity(count + n)
        case .float: floats.reserveCapacity(count + n)
        case .double: doubles.reserveCapacity(count + n)
        case .decimal: decimals.reserveCapacity(count + n)
        case .string, .binary, .list: offsets.reserveCapacity(count + n + 1)
        case .uuid: bytes.reserveCapacity((count + n) * 16)
        case .fixedBinary(let w): bytes.reserveCapacity((count + n) * w)
        }
    }

    @inlinable mutating func markValid() {
        if nullCount > 0 { validity.append(true) }
        rowCount += 1
    }

    @inlinable mutating func markValid(_ count: Int) {
        if nullCount > 0 { validity.append(contentsOf: repeatElement(true, count: count)) }
        rowCount += count
    }

    /// Appends a null (placeholder in the value buffer).
    public mutating func appendNull() throws(ColumnarError) {
        guard nullable else {
            throw ColumnarError(.nullInRequiredColumn, "column '\(name)' is required but row \(count + 1) is null")
        }
        appendPlaceholder()
        if nullCount == 0 {
            // The first null: every earlier row was valid.
            validity = [Bool](repeating: true, count: rowCount)
            validity.reserveCapacity(Swift.max(rowCount * 2, 1024))
        }
        validity.append(false)
        nullCount += 1
        rowCount += 1
    }

    @usableFromInline mutating func appendPlaceholder() {
        switch type {
        case .boolean: bools.append(false)
        case .int32, .date: ints32.append(0)
        case .int64, .timestamp: ints64.append(0)
        case .float: floats.append(0)
        case .double: doubles.append(0)
        case .decimal: decimals.append(0)
        case .string, .binary: offsets.append(bytes.count)
        case .uuid: bytes.append(contentsOf: repeatElement(0, count: 16))
        case .fixedBinary(let w): bytes.append(contentsOf: repeatElement(0, count: w))
        case .list: offsets.append(children[0].count)
        }
    }

    /// Appends a boolean.
    @inlinable public mutating func append(boolean v: Bool) { bools.append(v); markValid() }
    /// Appends an `int32` or a `date` (days since epoch).
    @inlinable public mutating func append(int32 v: Int32) { ints32.append(v); markValid() }
    /// Appends an `int64` or a `timestamp` (count of the column's unit).
    @inlinable public mutating func append(int64 v: Int64) { ints64.append(v); markValid() }
    /// Appends non-null `int64` (or timestamp) values in one go.
    @inlinable public mutating func append(int64s v: UnsafeBufferPointer<Int64>) { ints64.append(contentsOf: v); markValid(v.count) }
    /// Appends non-null `int32` (or date) values in one go.
    @inlinable public mutating func append(int32s v: UnsafeBufferPointer<Int32>) { ints32.append(contentsOf: v); markValid(v.count) }
    /// Appends non-null `double` values in one go.
    @inlinable public mutating func append(doubles v: UnsafeBufferPointer<Double>) { doubles.append(contentsOf: v); markValid(v.count) }
    /// Appends a `float`.
    @inlinable public mutating func append(float v: Float) { floats.append(v); markValid() }
    /// Appends a `double`.
    @inlinable public mutating func append(double v: Double) { doubles.append(v); markValid() }
    /// Appends an unscaled decimal.
    @inlinable public mutating func append(decimal v: Int128) { decimals.append(v); markValid() }
    /// Appends a string's UTF-8 bytes.
    @inlinable public mutating func append(string v: String) {
        var s = v
        s.withUTF8 { bytes.append(contentsOf: $0) }
        offsets.append(bytes.count)
        markValid()
    }
    /// Appends raw bytes (`binary`, `string` already known to be UTF-8, `uuid`, `fixedBinary`).
    @inlinable public mutating func append<C: Collection<UInt8>>(bytes v: C) {
        bytes.append(contentsOf: v)
        switch type {
        case .uuid, .fixedBinary: break
        default: offsets.append(bytes.count)
        }
        markValid()
    }

    /// Appends one list row whose elements are `values`.
    public mutating func append(list values: [Value]) throws(ColumnarError) {
        guard case .list = type else { throw mismatch(.list(values)) }
        for v in values { try children[0].append(v) }
        offsets.append(children[0].count)
        markValid()
    }

    /// Appends `value`, checking that it fits the column's type.
    public mutating func append(_ value: Value) throws(ColumnarError) {
        switch (value, type) {
        case (.null, _): try appendNull()
        case (.boolean(let v), .boolean): append(boolean: v)
        case (.int32(let v), .int32), (.date(let v), .date): append(int32: v)
        case (.int32(let v), .int64): append(int64: Int64(v))
        case (.int64(let v), .int64): append(int64: v)
        case (.float(let v), .float): append(float: v)
        case (.float(let v), .double): append(double: Double(v))
        case (.double(let v), .double): append(double: v)
        case (.timestamp(let v, let unit), .timestamp(let want, _)):
            append(int64: Self.convert(v, from: unit, to: want))
        case (.decimal(let v, let scale), .decimal(_, let want)) where scale == want: append(decimal: v)
        case (.string(let v), .string): append(string: v)
        case (.binary(let v), .binary): append(bytes: v)
        case (.binary(let v), .fixedBinary(let w)) where v.count == w: append(bytes: v)
        case (.uuid(let u), .uuid):
            let t = u.uuid
            append(bytes: [t.0, t.1, t.2, t.3, t.4, t.5, t.6, t.7, t.8, t.9, t.10, t.11, t.12, t.13, t.14, t.15])
        case (.list(let vs), .list): try append(list: vs)
        default: throw mismatch(value)
        }
    }

    func mismatch(_ value: Value) -> ColumnarError {
        ColumnarError(.typeMismatch, "column '\(name)' is \(type) and cannot hold \(value) (row \(count + 1))")
    }

    static func convert(_ v: Int64, from: TimeUnit, to: TimeUnit) -> Int64 {
        if from == to { return v }
        if from.perSecond > to.perSecond { return v / (from.perSecond / to.perSecond) }
        return v &* (to.perSecond / from.perSecond)
    }

    /// Appends every row of `column` (same type).
    public mutating func append(contentsOf column: Column) {
        for i in 0..<column.count {
            // Types were checked by the caller; a mismatch here is a programming error.
            try! append(column.value(at: i))
        }
    }

    /// Produces the immutable column; the builder is reset to empty.
    public mutating func finish() -> Column {
        let validityBuffer: Buffer<Bool>? = nullCount > 0 ? Buffer(validity) : nil
        let values: ColumnValues
        switch type {
        case .boolean: values = .boolean(Buffer(bools))
        case .int32, .date: values = .int32(Buffer(ints32))
        case .int64, .timestamp: values = .int64(Buffer(ints64))
        case .float: values = .float(Buffer(floats))
        case .double: values = .double(Buffer(doubles))
        case .decimal: values = .decimal(Buffer(decimals))
        case .string, .binary: values = .bytes(VariableBytes(offsets: Buffer(offsets), data: Buffer(bytes)))
        case .uuid: values = .fixed(width: 16, Buffer(bytes))
        case .fixedBinary(let w): values = .fixed(width: w, Buffer(bytes))
        case .list: values = .list(offsets: Buffer(offsets), child: children[0].finish())
        }
        let column = Column(type: type, values: values, validity: validityBuffer, nullCount: nullCount)
        self = ColumnBuilder(type, nullable: nullable, name: name)
        return column
    }
}

/// Accumulates rows into a ``RecordBatch``.
public struct RecordBatchBuilder: Sendable {
    /// The schema being filled.
    public let schema: Schema
    /// One builder per field; append to them directly for column-at-a-time producers.
    public var columns: [ColumnBuilder]

    /// Creates an empty builder.
    public init(schema: Schema) {
        self.schema = schema
        self.columns = schema.fields.map(ColumnBuilder.init)
    }

    /// The number of complete rows so far.
    public var count: Int { columns.first?.count ?? 0 }

    /// Appends one row given in schema order.
    public mutating func append(row: [Value]) throws(ColumnarError) {
        guard row.count == columns.count else {
            throw ColumnarError(.lengthMismatch, "row \(count + 1) has \(row.count) values, the schema has \(columns.count) columns")
        }
        for i in row.indices { try columns[i].append(row[i]) }
    }

    /// Reserves room for `n` more rows in every column.
    public mutating func reserveCapacity(_ n: Int) {
        for i in columns.indices { columns[i].reserveCapacity(n) }
    }

    /// Produces the batch; the builder is reset to empty.
    public mutating func finish() -> RecordBatch {
        let cols = columns.indices.map { columns[$0].finish() }
        return RecordBatch(unchecked: schema, columns: cols, count: cols.first?.count ?? 0)
    }
}
