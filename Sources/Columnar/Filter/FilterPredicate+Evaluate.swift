import Foundation

extension FilterPredicate {
    /// Which rows of `batch` the predicate selects: `true` where it holds.
    ///
    /// SQL three-valued logic applies: a comparison with a null is unknown, `NOT unknown` is
    /// unknown, `false AND unknown` is false, `true OR unknown` is true, and only rows whose
    /// result is true are selected. Comparisons of numeric, string, binary, date, timestamp,
    /// decimal, uuid and boolean columns with a literal of the column's own type run over the
    /// typed buffers; other compatible kinds (say an `int64` column with a decimal literal)
    /// compare exactly through ``ValueOrder``.
    ///
    /// - Throws: ``ColumnarError`` when a column is missing (``ColumnarError/Kind/unknownColumn``)
    ///   or cannot be compared with the literal, e.g. a list (``ColumnarError/Kind/typeMismatch``).
    public func evaluate(_ batch: RecordBatch) throws(ColumnarError) -> Buffer<Bool> {
        let truth = try truthValues(batch)
        return Buffer(truth.map { $0 == TriState.true })
    }

    /// Row results as ``TriState`` codes.
    func truthValues(_ batch: RecordBatch) throws(ColumnarError) -> [UInt8] {
        switch self {
        case .and(let a, let b):
            var x = try a.truthValues(batch)
            let y = try b.truthValues(batch)
            for i in x.indices { x[i] = Swift.min(x[i], y[i]) }
            return x
        case .or(let a, let b):
            var x = try a.truthValues(batch)
            let y = try b.truthValues(batch)
            for i in x.indices { x[i] = Swift.max(x[i], y[i]) }
            return x
        case .not(let p):
            var x = try p.truthValues(batch)
            for i in x.indices { x[i] = TriState.true &- x[i] }
            return x
        case .isNull(let c), .isNotNull(let c):
            let column = try Self.column(c, in: batch)
            let wantNull: Bool = { if case .isNull = self { return true }; return false }()
            guard let validity = column.validity else {
                return [UInt8](repeating: wantNull ? TriState.false : TriState.true, count: batch.count)
            }
            return validity.map { ($0 != wantNull) ? TriState.true : TriState.false }
        case .between(let c, let low, let high):
            return try FilterPredicate.and(.greaterThanOrEqual(c, low), .lessThanOrEqual(c, high)).truthValues(batch)
        case .isIn(let c, let values):
            let column = try Self.column(c, in: batch)
            if values.count > 1, let out = FilterComparison.membership(column, values) { return out }
            var out = [UInt8](repeating: TriState.false, count: batch.count)
            for v in values {
                let y = try FilterComparison(column: column, name: c, op: .equal, literal: v).run()
                for i in out.indices { out[i] = Swift.max(out[i], y[i]) }
            }
            if values.isEmpty, let validity = column.validity {
                // `NULL IN ()` is still unknown.
                for i in out.indices where !validity[i] { out[i] = TriState.unknown }
            }
            return out
        case .equal(let c, let v), .notEqual(let c, let v), .lessThan(let c, let v), .lessThanOrEqual(let c, let v),
             .greaterThan(let c, let v), .greaterThanOrEqual(let c, let v):
            let op: FilterComparison.Operator
            switch self {
            case .equal: op = .equal
            case .notEqual: op = .notEqual
            case .lessThan: op = .less
            case .lessThanOrEqual: op = .lessOrEqual
            case .greaterThan: op = .greater
            default: op = .greaterOrEqual
            }
            return try FilterComparison(column: try Self.column(c, in: batch), name: c, op: op, literal: v).run()
        }
    }

    static func column(_ name: String, in batch: RecordBatch) throws(ColumnarError) -> Column {
        guard let column = batch.column(named: name) else {
            throw ColumnarError(.unknownColumn, "filter: unknown column '\(name)' (columns: \(batch.schema.names.joined(separator: ", ")))")
        }
        return column
    }
}

/// Three-valued logic codes, ordered so that AND is `min`, OR is `max` and NOT is `true - x`.
enum TriState {
    static let `false`: UInt8 = 0
    static let unknown: UInt8 = 1
    static let `true`: UInt8 = 2
}

extension RecordBatch {
    /// The rows of this batch for which `predicate` holds (see ``FilterPredicate/evaluate(_:)``).
    public func filter(_ predicate: FilterPredicate) throws(ColumnarError) -> RecordBatch {
        filter(mask: try predicate.evaluate(self))
    }
}
