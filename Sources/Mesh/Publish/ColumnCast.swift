import Columnar

/// Converts a column to another type when no information is lost: integer widening and
/// range-checked narrowing, integers and decimals to floating point, exact decimal rescaling,
/// timestamp units (finer to coarser only when exact), dates to timestamps.
///
/// Used for Parquet inputs whose column types differ from the contract's, and for contract
/// types that differ from the table's (a widened column). A value that does not fit throws
/// ``ColumnCast/Failure`` with its row and text so the caller can name file, row and column.
enum ColumnCast {
    /// A value that cannot be converted.
    struct Failure: Error {
        /// The 0-based row within the column.
        var row: Int?
        /// The value's text.
        var value: String?
        /// Why it does not fit.
        var reason: String
    }

    /// Whether a column of type `from` can be converted to `to` (value by value, maybe failing).
    static func canCast(_ from: DataType, to: DataType) -> Bool {
        if from == to { return true }
        switch (from, to) {
        case (.int32, .int64), (.int64, .int32), (.int32, .float), (.int32, .double), (.int64, .float), (.int64, .double),
             (.float, .double), (.double, .float), (.int32, .decimal), (.int64, .decimal), (.decimal, .decimal),
             (.decimal, .double), (.decimal, .float), (.timestamp, .timestamp), (.date, .timestamp), (.fixedBinary, .binary),
             (.uuid, .string):
            return true
        default:
            return false
        }
    }

    /// `column` converted to `type`.
    static func cast(_ column: Column, to type: DataType) throws(Failure) -> Column {
        if column.type == type { return column }
        guard canCast(column.type, to: type) else {
            throw Failure(row: nil, value: nil, reason: "is \(column.type.description), which cannot be converted to \(type.description)")
        }
        // The common widening, over the buffer.
        if case .int32(let values) = column.values, type == .int64 {
            let widened = values.withUnsafeBufferPointer { p in p.map { Int64($0) } }
            return Column(type: type, values: .int64(Buffer(widened)), validity: column.validity)
        }
        var builder = ColumnBuilder(type, nullable: true)
        builder.reserveCapacity(column.count)
        for row in 0..<column.count {
            let value = column.value(at: row)
            if value.isNull {
                try? builder.appendNull()
                continue
            }
            guard let converted = convert(value, to: type) else {
                throw Failure(row: row, value: text(value), reason: "does not fit \(type.description)")
            }
            do { try builder.append(converted) } catch {
                throw Failure(row: row, value: text(value), reason: "does not fit \(type.description)")
            }
        }
        return builder.finish()
    }

    /// One value converted, or `nil` when it does not fit.
    static func convert(_ value: Value, to type: DataType) -> Value? {
        switch (value, type) {
        case (.int32(let v), .int64): return .int64(Int64(v))
        case (.int64(let v), .int32): return Int32(exactly: v).map(Value.int32)
        case (.int32(let v), .double): return .double(Double(v))
        case (.int64(let v), .double): return .double(Double(v))
        case (.int32(let v), .float): return .float(Float(v))
        case (.int64(let v), .float): return .float(Float(v))
        case (.float(let v), .double): return .double(Double(v))
        case (.double(let v), .float): return .float(Float(v))
        case (.int32(let v), .decimal(let p, let s)): return decimal(Int128(v), scale: 0, precision: p, to: s)
        case (.int64(let v), .decimal(let p, let s)): return decimal(Int128(v), scale: 0, precision: p, to: s)
        case (.decimal(let v, let from), .decimal(let p, let s)): return decimal(v, scale: from, precision: p, to: s)
        case (.decimal(let v, let scale), .double): return .double(Double(v) / pow10(scale))
        case (.decimal(let v, let scale), .float): return .float(Float(Double(v) / pow10(scale)))
        case (.timestamp(let v, let unit), .timestamp(let target, _)):
            if unit == target { return .timestamp(v, target) }
            if unit.perSecond < target.perSecond {
                let (r, overflow) = v.multipliedReportingOverflow(by: target.perSecond / unit.perSecond)
                return overflow ? nil : .timestamp(r, target)
            }
            let factor = unit.perSecond / target.perSecond
            return v % factor == 0 ? .timestamp(v / factor, target) : nil
        case (.date(let d), .timestamp(let unit, _)):
            let (r, overflow) = Int64(d).multipliedReportingOverflow(by: 86_400 * unit.perSecond)
            return overflow ? nil : .timestamp(r, unit)
        case (.binary(let b), .binary): return .binary(b)
        case (.uuid(let u), .string): return .string(u.uuidString.lowercased())
        default: return nil
        }
    }

    /// A value as it would be written in a file.
    static func text(_ value: Value) -> String {
        switch value {
        case .int32(let v): String(v)
        case .int64(let v): String(v)
        case .float(let v): String(v)
        case .double(let v): String(v)
        case .decimal(let v, let scale): scale == 0 ? String(v) : "\(v)e-\(scale)"
        case .timestamp(let v, let unit): "\(v) (\(unit.rawValue) since the epoch)"
        case .date(let d): "\(d) (days since the epoch)"
        case .string(let s): "'\(s)'"
        default: String(describing: value)
        }
    }

    /// `unscaled × 10^-scale` at `target` scale, when exact and within `precision` digits.
    static func decimal(_ unscaled: Int128, scale: Int, precision: Int, to target: Int) -> Value? {
        var v = unscaled
        if target >= scale {
            for _ in 0..<(target - scale) {
                let (r, overflow) = v.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                v = r
            }
        } else {
            for _ in 0..<(scale - target) {
                guard v % 10 == 0 else { return nil }
                v /= 10
            }
        }
        var limit: Int128 = 1
        for _ in 0..<precision { limit *= 10 }
        guard v < limit, v > -limit else { return nil }
        return .decimal(v, scale: target)
    }

    static func pow10(_ n: Int) -> Double {
        var x = 1.0
        for _ in 0..<max(0, n) { x *= 10 }
        return x
    }
}
