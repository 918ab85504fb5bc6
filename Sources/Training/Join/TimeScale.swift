import Columnar

/// Reads event-time columns (timestamps of any unit, dates) as `Int64` ticks of one common unit.
enum TimeScale {
    /// Whether `type` can hold event times.
    static func isTime(_ type: DataType) -> Bool {
        switch type {
        case .timestamp, .date: true
        default: false
        }
    }

    /// The finest unit among `types` (microseconds when all are dates).
    static func commonUnit(_ types: [DataType]) -> TimeUnit {
        var best: TimeUnit?
        for case .timestamp(let unit, _) in types where unit.perSecond > (best?.perSecond ?? 0) { best = unit }
        return best ?? .microseconds
    }

    /// The factor turning one tick of `type` into ticks of `unit` (`unit` is at least as fine).
    static func factor(_ type: DataType, to unit: TimeUnit) -> Int64 {
        switch type {
        case .timestamp(let u, _): unit.perSecond / u.perSecond
        case .date: 86_400 * unit.perSecond
        default: 1
        }
    }

    /// `value × factor`, saturating at the `Int64` range.
    @inline(__always) static func scale(_ value: Int64, _ factor: Int64) -> Int64 {
        if factor == 1 { return value }
        let (r, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? (value < 0 ? .min : .max) : r
    }

    /// Appends the ticks of `column` in `unit` to `out` (nulls as 0; check validity separately).
    static func append(_ column: Column, unit: TimeUnit, to out: inout [Int64]) {
        let f = factor(column.type, to: unit)
        switch column.values {
        case .int64(let b):
            b.withUnsafeBufferPointer { p in
                if f == 1 { out.append(contentsOf: p) } else { for v in p { out.append(scale(v, f)) } }
            }
        case .int32(let b):
            b.withUnsafeBufferPointer { p in for v in p { out.append(scale(Int64(v), f)) } }
        default:
            preconditionFailure("time columns are checked before reading")
        }
    }
}
