import Columnar

/// What statistics prove about the rows of a row group for a predicate.
enum Truth {
    /// No row matches.
    case never
    /// Every row matches.
    case always
    /// Unknown.
    case maybe

    var negated: Truth {
        switch self {
        case .never: .always
        case .always: .never
        case .maybe: .maybe
        }
    }
}

extension FilterPredicate {
    /// Evaluates the predicate against per-column statistics (`stats(column)` is nil when unknown)
    /// of a row group of `rows` rows.
    func evaluate(rows: Int64, _ stats: (String) -> ColumnStatistics?) -> Truth {
        switch self {
        case .and(let a, let b):
            let x = a.evaluate(rows: rows, stats), y = b.evaluate(rows: rows, stats)
            if x == .never || y == .never { return .never }
            return x == .always && y == .always ? .always : .maybe
        case .or(let a, let b):
            let x = a.evaluate(rows: rows, stats), y = b.evaluate(rows: rows, stats)
            if x == .always || y == .always { return .always }
            return x == .never && y == .never ? .never : .maybe
        case .not(let p):
            return p.evaluate(rows: rows, stats).negated
        case .notEqual(let c, let v):
            // Null rows are selected by neither `=` nor `!=`, so `always` needs no nulls.
            guard let s = stats(c) else { return .maybe }
            if let nulls = s.nullCount, nulls == rows, rows > 0 { return .never }
            let equal = FilterPredicate.equal(c, v).evaluate(rows: rows, stats)
            if equal == .always { return .never }
            return equal == .never && s.nullCount == 0 ? .always : .maybe
        case .between(let c, let lo, let hi):
            return FilterPredicate.and(.greaterThanOrEqual(c, lo), .lessThanOrEqual(c, hi)).evaluate(rows: rows, stats)
        case .isIn(let c, let values):
            guard !values.isEmpty else { return .never }
            return values.dropFirst().reduce(FilterPredicate.equal(c, values[0])) { .or($0, .equal(c, $1)) }.evaluate(rows: rows, stats)
        case .isNull(let c):
            guard let s = stats(c), let nulls = s.nullCount else { return .maybe }
            if nulls == 0 { return .never }
            return nulls == rows ? .always : .maybe
        case .isNotNull(let c):
            guard let s = stats(c), let nulls = s.nullCount else { return .maybe }
            if nulls == rows { return .never }
            return nulls == 0 ? .always : .maybe
        case .equal(let c, let v), .lessThan(let c, let v), .lessThanOrEqual(let c, let v),
             .greaterThan(let c, let v), .greaterThanOrEqual(let c, let v):
            guard let s = stats(c) else { return .maybe }
            if let nulls = s.nullCount, nulls == rows, rows > 0 { return .never } // comparisons with null are false
            guard !v.isNull, let lo = s.min, let hi = s.max,
                  let vsLo = ValueOrder.compare(v, lo), let vsHi = ValueOrder.compare(v, hi) else { return .maybe }
            let noNulls = s.nullCount == 0
            let floating = { if case .float = lo { return true }; if case .double = lo { return true }; return false }()
            switch self {
            case .equal:
                if vsLo < 0 || vsHi > 0 { return .never }
                return vsLo == 0 && vsHi == 0 && noNulls && !floating ? .always : .maybe
            case .lessThan:
                if vsLo <= 0 { return .never }
                return vsHi > 0 && noNulls && !floating ? .always : .maybe
            case .lessThanOrEqual:
                if vsLo < 0 { return .never }
                return vsHi >= 0 && noNulls && !floating ? .always : .maybe
            case .greaterThan:
                if vsHi >= 0 { return .never }
                return vsLo < 0 && noNulls && !floating ? .always : .maybe
            default: // greaterThanOrEqual
                if vsHi > 0 { return .never }
                return vsLo <= 0 && noNulls && !floating ? .always : .maybe
            }
        }
    }
}
