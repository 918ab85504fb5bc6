import Foundation

/// One `column <op> literal` comparison over a whole column, producing ``TriState`` codes.
///
/// The literal is first converted to the column's physical representation when that is exact;
/// the comparison then runs over the typed buffer. Otherwise each row is compared through
/// ``ValueOrder`` (exact across integer, decimal, float, date and timestamp kinds).
struct FilterComparison {
    enum Operator {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual

        /// Whether a three-way comparison result `c` (row versus literal) satisfies the operator.
        @inline(__always) func holds(_ c: Int) -> Bool {
            switch self {
            case .equal: c == 0
            case .notEqual: c != 0
            case .less: c < 0
            case .lessOrEqual: c <= 0
            case .greater: c > 0
            case .greaterOrEqual: c >= 0
            }
        }
    }

    let column: Column
    let name: String
    let op: Operator
    let literal: Value

    func run() throws(ColumnarError) -> [UInt8] {
        if case .list = column.type {
            throw ColumnarError(.typeMismatch, "filter: column '\(name)' is \(column.type); a list can only be tested with IS [NOT] NULL")
        }
        var out: [UInt8]
        if literal.isNull {
            // A comparison with NULL is unknown for every row.
            return [UInt8](repeating: TriState.unknown, count: column.count)
        } else if let fast = integerBound() ?? fastPath() {
            out = fast
        } else {
            out = try slowPath()
        }
        if let validity = column.validity {
            validity.withUnsafeBufferPointer { v in
                for i in 0..<v.count where !v[i] { out[i] = TriState.unknown }
            }
        }
        return out
    }

    /// Compares each element of `p` with `x` using Swift's operators (IEEE rules for NaN).
    func kernel<T: Comparable>(_ p: UnsafeBufferPointer<T>, _ x: T) -> [UInt8] {
        let t = TriState.true, f = TriState.false
        switch op {
        case .equal: return p.map { $0 == x ? t : f }
        case .notEqual: return p.map { $0 == x ? f : t }
        case .less: return p.map { $0 < x ? t : f }
        case .lessOrEqual: return p.map { $0 <= x ? t : f }
        case .greater: return p.map { $0 > x ? t : f }
        case .greaterOrEqual: return p.map { $0 >= x ? t : f }
        }
    }

    func typed<T: Comparable>(_ buffer: Buffer<T>, _ x: T) -> [UInt8] {
        buffer.withUnsafeBufferPointer { kernel($0, x) }
    }

    /// The comparison over the typed buffer, or nil when the literal has no exact physical form.
    func fastPath() -> [UInt8]? {
        switch (column.values, column.type, literal) {
        case (.boolean(let b), _, .boolean(let x)):
            return b.withUnsafeBufferPointer { p in p.map { op.holds($0 == x ? 0 : ($0 ? 1 : -1)) ? TriState.true : TriState.false } }
        case (.int32(let b), .int32, .int32(let x)), (.int32(let b), .date, .date(let x)):
            return typed(b, x)
        case (.int32(let b), .int32, .int64(let x)):
            guard let x = Int32(exactly: x) else { return nil }
            return typed(b, x)
        case (.int64(let b), .int64, .int64(let x)):
            return typed(b, x)
        case (.int64(let b), .int64, .int32(let x)):
            return typed(b, Int64(x))
        case (.int64(let b), .timestamp(let unit, _), .timestamp(let x, let literalUnit)):
            guard let x = Self.convert(x, from: literalUnit, to: unit) else { return nil }
            return typed(b, x)
        case (.float(let b), _, .float(let x)):
            return typed(b, x)
        case (.double(let b), _, .double(let x)):
            return typed(b, x)
        case (.double(let b), _, .float(let x)):
            return typed(b, Double(x))
        case (.decimal(let b), .decimal(_, let scale), .decimal(let x, let s)) where s == scale:
            return typed(b, x)
        case (.bytes(let v), .string, .string(let s)):
            return bytes(v, Array(s.utf8))
        case (.bytes(let v), .binary, .binary(let x)):
            return bytes(v, x)
        case (.fixed(let w, let b), .uuid, .uuid(let u)):
            return fixed(w, b, withUnsafeBytes(of: u.uuid) { Array($0) })
        case (.fixed(let w, let b), .fixedBinary, .binary(let x)):
            return fixed(w, b, x)
        default:
            return nil
        }
    }

    /// For an integer column and a decimal literal, the comparison run over the typed buffer
    /// against a whole number (`x > 2.5` is `x >= 3`, `x <= -2.5` is `x <= -3`, `x = 2.5` is
    /// never true); nil when that does not apply.
    func integerBound() -> [UInt8]? {
        guard column.type == .int32 || column.type == .int64, case .decimal(let u, let scale) = literal, scale >= 0,
              let divisor = FilterLiteral.rescale(1, by: scale) else { return nil }
        let (q, r) = u.quotientAndRemainder(dividingBy: divisor)
        guard let whole = Int64(exactly: q) else { return nil }
        func with(_ op: Operator, _ x: Int64) -> [UInt8]? {
            FilterComparison(column: column, name: name, op: op, literal: .int64(x)).fastPath()
        }
        if r == 0 { return with(op, whole) }
        // Not a whole number: no row equals it, and order compares against its floor or ceiling.
        let floor = r < 0 ? whole - 1 : whole
        switch op {
        case .equal: return [UInt8](repeating: TriState.false, count: column.count)
        case .notEqual: return [UInt8](repeating: TriState.true, count: column.count)
        case .less, .lessOrEqual: return with(.lessOrEqual, floor)
        case .greater, .greaterOrEqual: return floor == .max ? nil : with(.greaterOrEqual, floor + 1)
        }
    }

    /// `v` converted exactly from one time unit to another, or nil.
    static func convert(_ v: Int64, from: TimeUnit, to: TimeUnit) -> Int64? {
        if from == to { return v }
        if from.perSecond < to.perSecond {
            let r = v.multipliedReportingOverflow(by: to.perSecond / from.perSecond)
            return r.overflow ? nil : r.partialValue
        }
        let factor = from.perSecond / to.perSecond
        return v % factor == 0 ? v / factor : nil
    }

    func bytes(_ v: VariableBytes, _ x: [UInt8]) -> [UInt8] {
        v.offsets.withUnsafeBufferPointer { offsets in
            v.data.withUnsafeBufferPointer { data in
                x.withUnsafeBytes { lit in
                    let base = UnsafeRawBufferPointer(data)
                    return (0..<(offsets.count - 1)).map { i in
                        let row = UnsafeRawBufferPointer(rebasing: base[offsets[i]..<offsets[i + 1]])
                        return op.holds(ValueOrder.bytes(row, lit)) ? TriState.true : TriState.false
                    }
                }
            }
        }
    }

    func fixed(_ width: Int, _ b: Buffer<UInt8>, _ x: [UInt8]) -> [UInt8] {
        b.withUnsafeBufferPointer { data in
            x.withUnsafeBytes { lit in
                let base = UnsafeRawBufferPointer(data)
                return (0..<column.count).map { i in
                    let row = UnsafeRawBufferPointer(rebasing: base[(i * width)..<((i + 1) * width)])
                    return op.holds(ValueOrder.bytes(row, lit)) ? TriState.true : TriState.false
                }
            }
        }
    }

    /// Row-at-a-time comparison through ``ValueOrder`` for mixed kinds.
    func slowPath() throws(ColumnarError) -> [UInt8] {
        var out = [UInt8](repeating: TriState.false, count: column.count)
        let literalIsNaN = Self.isNaN(literal)
        var checked = false
        for i in 0..<column.count where !column.isNull(i) {
            let value = column.value(at: i)
            if literalIsNaN || Self.isNaN(value) {
                // IEEE: NaN is unequal to everything and unordered.
                out[i] = op == .notEqual ? TriState.true : TriState.false
                continue
            }
            guard let c = ValueOrder.compare(value, literal) else {
                throw ColumnarError(.typeMismatch, "filter: column '\(name)' is \(column.type) and cannot be compared with \(literal)")
            }
            checked = true
            if op.holds(c) { out[i] = TriState.true }
        }
        if !checked && !literalIsNaN {
            // No row was compared (all null or empty): still reject incomparable kinds.
            if let sample = Self.sample(column.type), ValueOrder.compare(sample, literal) == nil, !Self.isNaN(sample) {
                throw ColumnarError(.typeMismatch, "filter: column '\(name)' is \(column.type) and cannot be compared with \(literal)")
            }
        }
        return out
    }

    static func isNaN(_ v: Value) -> Bool {
        switch v {
        case .float(let x): x.isNaN
        case .double(let x): x.isNaN
        default: false
        }
    }

    /// A value of `type`, to check comparability when a column has no non-null row.
    static func sample(_ type: DataType) -> Value? {
        switch type {
        case .boolean: .boolean(false)
        case .int32: .int32(0)
        case .int64: .int64(0)
        case .float: .float(0)
        case .double: .double(0)
        case .string: .string("")
        case .binary, .fixedBinary: .binary([])
        case .date: .date(0)
        case .timestamp(let unit, _): .timestamp(0, unit)
        case .decimal(_, let scale): .decimal(0, scale: scale)
        case .uuid: .uuid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        case .list: nil
        }
    }
}
