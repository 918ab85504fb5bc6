/// A single typed value: a partition value, a column bound, or a transform input/output.
///
/// Temporal values use their stored integer form: dates as days since 1970-01-01, times and
/// timestamps as micro- (or nano-) seconds; decimals as unscaled integer plus scale.
public enum Literal: Sendable, Hashable {
    /// A Boolean.
    case boolean(Bool)
    /// A 32-bit integer.
    case int(Int32)
    /// A 64-bit integer.
    case long(Int64)
    /// A 32-bit float.
    case float(Float)
    /// A 64-bit float.
    case double(Double)
    /// `unscaled × 10^-scale`.
    case decimal(unscaled: Int128, scale: Int)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since midnight.
    case time(Int64)
    /// Microseconds since the epoch, without zone.
    case timestamp(Int64)
    /// Microseconds since the epoch, UTC.
    case timestamptz(Int64)
    /// Nanoseconds since the epoch, without zone.
    case timestampNs(Int64)
    /// Nanoseconds since the epoch, UTC.
    case timestamptzNs(Int64)
    /// Text.
    case string(String)
    /// 16 bytes, big-endian (RFC 4122 byte order).
    case uuid([UInt8])
    /// Bytes of a `fixed(L)` column.
    case fixed([UInt8])
    /// Bytes of a `binary` column.
    case binary([UInt8])

    /// Parses a UUID in its 8-4-4-4-12 hex form into a ``uuid(_:)`` literal.
    public static func uuid(string: String) -> Literal? {
        let hex = string.filter { $0 != "-" }
        guard hex.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            guard let b = UInt8(hex[i..<j], radix: 16) else { return nil }
            bytes.append(b)
            i = j
        }
        return .uuid(bytes)
    }

    /// The value widened to a 64-bit integer for int-like literals (int, long, date, time, timestamps).
    public var integerValue: Int64? {
        switch self {
        case .int(let v), .date(let v): Int64(v)
        case .long(let v), .time(let v), .timestamp(let v), .timestamptz(let v), .timestampNs(let v), .timestamptzNs(let v): v
        default: nil
        }
    }
}

extension Literal: CustomStringConvertible {
    /// A readable rendering (ISO dates and timestamps, decimal point for decimals, hex for bytes).
    public var description: String {
        func hex(_ b: [UInt8]) -> String { b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
        switch self {
        case .boolean(let b): return String(b)
        case .int(let v): return String(v)
        case .long(let v): return String(v)
        case .float(let v): return String(v)
        case .double(let v): return String(v)
        case .decimal(let u, let s):
            let negative = u < 0
            var digits = String(negative ? 0 - u : u)
            if s > 0 {
                if digits.count <= s { digits = String(repeating: "0", count: s - digits.count + 1) + digits }
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -s))
            }
            return (negative ? "-" : "") + digits
        case .date(let d): return CivilDate(days: Int64(d)).iso
        case .time(let us):
            let s = us / 1_000_000, f = us % 1_000_000
            return String(format2(s / 3600)) + ":" + format2(s / 60 % 60) + ":" + format2(s % 60) + "." + pad(f, 6)
        case .timestamp(let us), .timestamptz(let us):
            return Literal.isoTimestamp(us, perSecond: 1_000_000, digits: 6) + (isUTC ? "+00:00" : "")
        case .timestampNs(let ns), .timestamptzNs(let ns):
            return Literal.isoTimestamp(ns, perSecond: 1_000_000_000, digits: 9) + (isUTC ? "+00:00" : "")
        case .string(let s): return s
        case .uuid(let b):
            let h = hex(b)
            guard h.count == 32 else { return h }
            let c = Array(h)
            return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
        case .fixed(let b), .binary(let b): return hex(b)
        }
    }

    private var isUTC: Bool {
        switch self {
        case .timestamptz, .timestamptzNs: true
        default: false
        }
    }

    static func isoTimestamp(_ value: Int64, perSecond: Int64, digits: Int) -> String {
        let perDay = 86_400 * perSecond
        let days = value.floorDiv(perDay)
        let rest = value &- days &* perDay  // exact modulo 2^64 even when days * perDay overflows
        let secs = rest / perSecond, frac = rest % perSecond
        return CivilDate(days: days).iso + "T" + format2(secs / 3600) + ":" + format2(secs / 60 % 60) + ":" + format2(secs % 60)
            + "." + pad(frac, digits)
    }
}

private func format2(_ v: Int64) -> String { pad(v, 2) }
private func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && ((self < 0) != (d < 0))) ? q - 1 : q
    }
}

/// A proleptic Gregorian calendar date, converted to/from days since 1970-01-01
/// (Howard Hinnant's civil-from-days algorithm).
struct CivilDate: Hashable {
    var year: Int64
    var month: Int64
    var day: Int64

    init(year: Int64, month: Int64, day: Int64) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSinceEpoch: Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    var iso: String {
        let y = year < 0 ? "-" + pad(-year, 4) : pad(year, 4)
        return y + "-" + pad(month, 2) + "-" + pad(day, 2)
    }
}
