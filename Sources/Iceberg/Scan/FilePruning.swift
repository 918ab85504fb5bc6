import Columnar
import Foundation
import Parquet

/// Decides from a data file's manifest metrics (and identity partition values) whether any of
/// its rows can match a predicate.
struct FilePruning {
    let schema: IcebergSchema
    let spec: PartitionSpec?

    /// The field of a predicate column, or an error naming the column.
    func field(_ name: String) throws(IcebergError) -> NestedField {
        guard let f = schema.fields.first(where: { $0.name == name }) else {
            throw IcebergError(.invalidOperation, "unknown column '\(name)' in the filter (have: \(schema.fields.map(\.name).joined(separator: ", ")))", context: name)
        }
        return f
    }

    /// Checks that every column the predicate names exists.
    func validate(_ predicate: FilterPredicate) throws(IcebergError) {
        for c in predicate.columns.sorted() { _ = try field(c) }
    }

    struct Bounds {
        var lower: Literal?
        var upper: Literal?
        var nulls: Int64?
        var values: Int64?
    }

    func bounds(_ file: DataFile, _ f: NestedField) -> Bounds {
        var b = Bounds(lower: Self.decode(file.lowerBounds?[f.id], f.type), upper: Self.decode(file.upperBounds?[f.id], f.type),
                       nulls: file.nullValueCounts?[f.id], values: file.valueCounts?[f.id])
        if let spec, b.lower == nil || b.upper == nil {
            for (i, pf) in spec.fields.enumerated() where pf.sourceID == f.id && pf.transform == .identity && i < file.partition.count {
                if let v = file.partition[i] {
                    b.lower = v
                    b.upper = v
                    if b.nulls == nil { b.nulls = 0 }
                } else {
                    b.nulls = file.recordCount
                    b.values = file.recordCount
                }
            }
        }
        return b
    }

    /// A bound in `type`, also from files written before a column was widened (4-byte int or
    /// float bounds of a column that is now long or double).
    static func decode(_ bytes: [UInt8]?, _ type: IcebergType) -> Literal? {
        guard let bytes else { return nil }
        if bytes.count == 4, type == .long, case .int(let v)? = try? Literal(binary: bytes, type: .int) { return .long(Int64(v)) }
        if bytes.count == 4, type == .double, case .float(let v)? = try? Literal(binary: bytes, type: .float) { return .double(Double(v)) }
        return try? Literal(binary: bytes, type: type)
    }

    /// False only when the metrics prove that no row of `file` matches.
    func mightMatch(_ predicate: FilterPredicate, _ file: DataFile) throws(IcebergError) -> Bool {
        func cmp(_ a: Literal, _ b: Literal) -> ComparisonResult { Literal.compare(a, b) }
        func range(_ name: String, _ value: Value, _ test: (Bounds, Literal) -> Bool) throws(IcebergError) -> Bool {
            let f = try field(name)
            let b = bounds(file, f)
            if let n = b.nulls, let v = b.values, v > 0, n == v { return false }
            guard let lit = Literal(value, type: f.type) else { return true }
            if case .float(let x) = lit, x.isNaN { return true }
            if case .double(let x) = lit, x.isNaN { return true }
            return test(b, lit)
        }
        switch predicate {
        case .equal(let c, let v):
            return try range(c, v) { b, l in
                !((b.lower.map { cmp($0, l) == .orderedDescending } ?? false) || (b.upper.map { cmp($0, l) == .orderedAscending } ?? false))
            }
        case .notEqual(let c, let v):
            // Prunable only when every value is null, or every value equals the literal.
            return try range(c, v) { b, l in
                !((b.lower.map { cmp($0, l) == .orderedSame } ?? false) && (b.upper.map { cmp($0, l) == .orderedSame } ?? false)
                  && b.nulls == 0)
            }
        case .lessThan(let c, let v):
            return try range(c, v) { b, l in !(b.lower.map { cmp($0, l) != .orderedAscending } ?? false) }
        case .lessThanOrEqual(let c, let v):
            return try range(c, v) { b, l in !(b.lower.map { cmp($0, l) == .orderedDescending } ?? false) }
        case .greaterThan(let c, let v):
            return try range(c, v) { b, l in !(b.upper.map { cmp($0, l) != .orderedDescending } ?? false) }
        case .greaterThanOrEqual(let c, let v):
            return try range(c, v) { b, l in !(b.upper.map { cmp($0, l) == .orderedAscending } ?? false) }
        case .between(let c, let lo, let hi):
            if try !mightMatch(FilterPredicate.greaterThanOrEqual(c, lo), file) { return false }
            return try mightMatch(FilterPredicate.lessThanOrEqual(c, hi), file)
        case .isIn(let c, let values):
            _ = try field(c)
            for v in values where try mightMatch(FilterPredicate.equal(c, v), file) { return true }
            return false
        case .isNull(let c):
            let b = bounds(file, try field(c))
            return b.nulls.map { $0 > 0 } ?? true
        case .isNotNull(let c):
            let b = bounds(file, try field(c))
            if let n = b.nulls, let v = b.values { return n < v }
            return true
        case .and(let a, let b):
            if try !mightMatch(a, file) { return false }
            return try mightMatch(b, file)
        case .or(let a, let b):
            if try mightMatch(a, file) { return true }
            return try mightMatch(b, file)
        case .not(let p):
            try validate(p)
            return true
        }
    }
}
