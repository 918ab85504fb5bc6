import Columnar
import Foundation

/// Hand-written parsers from UTF-8 text to scalar values; each returns `nil` when the text
/// does not have the expected form or the value does not fit.
enum ScalarParser {
    typealias Text = UnsafeBufferPointer<UInt8>

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    /// A decimal integer with optional sign, e.g. `-42`, `+7`.
    @inline(__always)
    static func int64(_ t: Text) -> Int64? {
        var i = 0
        let n = t.count
        guard n > 0 else { return nil }
        var negative = false
        if t[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if t[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n else { return nil }
        var value: UInt64 = 0
        if n - i <= 18 {
            while i < n {
                let d = t[i] &- 48
                guard d < 10 else { return nil }
                value = value &* 10 &+ UInt64(d)
                i += 1
            }
            return negative ? -Int64(value) : Int64(value)
        }
        while i < n {
            let d = t[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        if negative {
            guard value <= UInt64(Int64.max) + 1 else { return nil }
            return value == UInt64(Int64.max) + 1 ? Int64.min : -Int64(value)
        }
        guard value <= UInt64(Int64.max) else { return nil }
        return Int64(value)
    }

    /// An integer that fits `Int32`.
    static func int32(_ t: Text) -> Int32? {
        guard let v = int64(t), let w = Int32(exactly: v) else { return nil }
        return w
    }

    /// `true`/`false` in any case, `1`/`0`, `t`/`f`, `yes`/`no`.
    static func boolean(_ t: Text) -> Bool? {
        switch t.count {
        case 1:
            switch t[0] {
            case UInt8(ascii: "1"), UInt8(ascii: "t"), UInt8(ascii: "T"): return true
            case UInt8(ascii: "0"), UInt8(ascii: "f"), UInt8(ascii: "F"): return false
            default: return nil
            }
        default:
            let lower = String(decoding: t, as: UTF8.self).lowercased()
            switch lower {
            case "true", "yes": return true
            case "false", "no": return false
            default: return nil
            }
        }
    }

    /// Only the literals `true` / `false` (any case): what inference calls boolean.
    static func strictBoolean(_ t: Text) -> Bool? {
        guard t.count == 4 || t.count == 5 else { return nil }
        return (t[0] | 0x20 == UInt8(ascii: "t") || t[0] | 0x20 == UInt8(ascii: "f")) ? boolean(t) : nil
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// A decimal floating-point number (`1.5`, `-2e-3`, `.5`, `NaN`, `inf`, `-Infinity`),
    /// correctly rounded: exact fast path when the significand has at most 15 digits and the
    /// power of ten is small, `strtod` otherwise.
    static func double(_ t: Text) -> Double? {
        let n = t.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if t[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if t[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n else { return nil }
        if !isDigit(t[i]) && t[i] != UInt8(ascii: ".") { return special(t, from: i, negative: negative) }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits accumulated in mantissa
        var dropped = false     // digits beyond 19 were ignored
        var exponent = 0
        var sawDigit = false
        while i < n, isDigit(t[i]) {
            sawDigit = true
            if digits < 19 {
                if mantissa != 0 || t[i] != 48 { mantissa = mantissa &* 10 &+ UInt64(t[i] &- 48); if mantissa != 0 { digits += 1 } }
            } else { exponent += 1; dropped = true }
            i += 1
        }
        if i < n, t[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(t[i]) {
                sawDigit = true
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(t[i] &- 48)
                    if mantissa != 0 { digits += 1 }
                    exponent -= 1
                } else if t[i] != 48 { dropped = true }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < n, t[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, t[i] == UInt8(ascii: "-") { expNegative = true; i += 1 } else if i < n, t[i] == UInt8(ascii: "+") { i += 1 }
            guard i < n, isDigit(t[i]) else { return nil }
            var e = 0
            while i < n, isDigit(t[i]) {
                if e < 100_000 { e = e * 10 + Int(t[i] &- 48) }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        if !dropped && digits <= 15 && exponent >= -22 && exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 { v /= powersOfTen[-exponent] } else { v *= powersOfTen[exponent] }
            return negative ? -v : v
        }
        if mantissa == 0 && !dropped { return negative ? -0.0 : 0.0 }
        return slowDouble(t)
    }

    private static func special(_ t: Text, from i: Int, negative: Bool) -> Double? {
        let word = String(decoding: UnsafeBufferPointer(rebasing: t[i...]), as: UTF8.self).lowercased()
        switch word {
        case "nan": return .nan
        case "inf", "infinity": return negative ? -.infinity : .infinity
        default: return nil
        }
    }

    private static func slowDouble(_ t: Text) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: t.count + 1) { buffer in
            for i in 0..<t.count { buffer[i] = CChar(bitPattern: t[i]) }
            buffer[t.count] = 0
            var end: UnsafeMutablePointer<CChar>? = nil
            let v = strtod(buffer.baseAddress!, &end)
            guard let end, end == buffer.baseAddress! + t.count else { return nil }
            return v
        }
    }

    /// Days since 1970-01-01 of the proleptic Gregorian date `year-month-day` (no validation).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The (year, month, day) of `days` since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    @inline(__always)
    private static func digits(_ t: Text, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= t.count else { return nil }
        var v = 0
        for k in at..<(at + count) {
            let d = t[k] &- 48
            guard d < 10 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// Parses `YYYY-MM-DD` at the start of `t`; returns days since epoch.
    @inline(__always)
    private static func datePrefix(_ t: Text) -> Int? {
        guard t.count >= 10, t[4] == UInt8(ascii: "-"), t[7] == UInt8(ascii: "-"),
              let y = digits(t, 0, 4), let m = digits(t, 5, 2), let d = digits(t, 8, 2),
              m >= 1, m <= 12, d >= 1, d <= daysInMonth(y, m) else { return nil }
        return daysFromCivil(y, m, d)
    }

    /// A date `YYYY-MM-DD` as days since 1970-01-01.
    static func date(_ t: Text) -> Int32? {
        guard t.count == 10, let days = datePrefix(t) else { return nil }
        return Int32(days)
    }

    /// A parsed ISO-8601 timestamp.
    struct Timestamp: Equatable {
        /// Seconds since the epoch (UTC-adjusted when ``zoned``).
        var seconds: Int64
        /// Nanoseconds within the second.
        var nanos: Int64
        /// Whether the text had `Z` or an offset.
        var zoned: Bool
        /// The number of fractional digits written.
        var fractionDigits: Int
    }

    /// `YYYY-MM-DD[T| ]HH:MM[:SS[.f{1,9}]][Z|±HH[:MM]|±HHMM]`, or a bare date (midnight).
    static func timestamp(_ t: Text) -> Timestamp? {
        guard let days = datePrefix(t) else { return nil }
        let n = t.count
        if n == 10 { return Timestamp(seconds: Int64(days) * 86_400, nanos: 0, zoned: false, fractionDigits: 0) }
        guard t[10] == UInt8(ascii: "T") || t[10] == UInt8(ascii: " ") || t[10] == UInt8(ascii: "t"),
              let hh = digits(t, 11, 2), n >= 16, t[13] == UInt8(ascii: ":"), let mm = digits(t, 14, 2),
              hh < 24, mm < 60 else { return nil }
        var i = 16
        var ss = 0
        if i < n, t[i] == UInt8(ascii: ":") {
            guard let s = digits(t, 17, 2), s < 61 else { return nil }
            ss = s
            i = 19
        }
        var nanos: Int64 = 0
        var fractionDigits = 0
        if i < n, t[i] == UInt8(ascii: ".") || t[i] == UInt8(ascii: ",") {
            i += 1
            while i < n, isDigit(t[i]) {
                guard fractionDigits < 9 else { return nil }
                nanos = nanos * 10 + Int64(t[i] &- 48)
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0 else { return nil }
            for _ in fractionDigits..<9 { nanos *= 10 }
        }
        var offsetSeconds = 0
        var zoned = false
        if i < n {
            let c = t[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                zoned = true
                i += 1
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                guard let oh = digits(t, i + 1, 2), oh < 24 else { return nil }
                var om = 0
                i += 3
                if i < n, t[i] == UInt8(ascii: ":") {
                    guard let m = digits(t, i + 1, 2) else { return nil }
                    om = m
                    i += 3
                } else if i + 2 <= n, let m = digits(t, i, 2) {
                    om = m
                    i += 2
                }
                guard om < 60 else { return nil }
                offsetSeconds = (oh * 3600 + om * 60) * (c == UInt8(ascii: "-") ? -1 : 1)
                zoned = true
            }
        }
        guard i == n else { return nil }
        let seconds = Int64(days) * 86_400 + Int64(hh * 3600 + mm * 60 + ss - offsetSeconds)
        return Timestamp(seconds: seconds, nanos: nanos, zoned: zoned, fractionDigits: fractionDigits)
    }

    /// A timestamp as a count of `unit` (sub-unit digits are truncated); `nil` on overflow.
    static func timestamp(_ t: Text, unit: TimeUnitScale) -> Int64? {
        guard let ts = timestamp(t) else { return nil }
        return ts.count(in: unit)
    }

    /// A decimal `[-+]digits[.digits][e[-+]digits]` as an unscaled integer at `scale`, with at
    /// most `precision` digits; `nil` when it has more significant fraction digits than
    /// `scale` or does not fit `precision`.
    static func decimal(_ t: Text, precision: Int, scale: Int) -> Int128? {
        let n = t.count
        var i = 0
        var negative = false
        if n > 0, t[0] == UInt8(ascii: "-") { negative = true; i = 1 } else if n > 0, t[0] == UInt8(ascii: "+") { i = 1 }
        var digitsBuffer: [UInt8] = []
        digitsBuffer.reserveCapacity(n)
        var fractionCount = 0
        var sawDigit = false
        while i < n, isDigit(t[i]) { digitsBuffer.append(t[i] &- 48); sawDigit = true; i += 1 }
        if i < n, t[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(t[i]) { digitsBuffer.append(t[i] &- 48); fractionCount += 1; sawDigit = true; i += 1 }
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if i < n, t[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, t[i] == UInt8(ascii: "-") { expNegative = true; i += 1 } else if i < n, t[i] == UInt8(ascii: "+") { i += 1 }
            guard i < n else { return nil }
            while i < n, isDigit(t[i]) { guard exponent < 1000 else { return nil }; exponent = exponent * 10 + Int(t[i] &- 48); i += 1 }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        // value = digits × 10^(exponent - fractionCount); want digits × 10^(exponent - fractionCount + scale)
        var shift = exponent - fractionCount + scale
        while shift < 0 {
            guard let last = digitsBuffer.last, last == 0 else { return nil }
            digitsBuffer.removeLast()
            shift += 1
        }
        let firstNonZero = digitsBuffer.firstIndex { $0 != 0 } ?? digitsBuffer.count
        let significant = digitsBuffer.count - firstNonZero
        guard significant == 0 || significant + shift <= precision else { return nil }
        var value: Int128 = 0
        for d in digitsBuffer[firstNonZero...] { value = value * 10 + Int128(d) }
        for _ in 0..<(significant == 0 ? 0 : shift) { value *= 10 }
        return negative ? -value : value
    }

    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }

    /// A UUID as `8-4-4-4-12` hex digits (any case, optionally in braces) or 32 bare hex digits.
    static func uuid(_ t: Text) -> [UInt8]? {
        var start = 0, end = t.count
        if end == 38, t[0] == UInt8(ascii: "{"), t[37] == UInt8(ascii: "}") { start = 1; end = 37 }
        let length = end - start
        guard length == 36 || length == 32 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(16)
        var i = start
        var high: UInt8? = nil
        while i < end {
            let c = t[i]
            if length == 36 && (i - start == 8 || i - start == 13 || i - start == 18 || i - start == 23) {
                guard c == UInt8(ascii: "-") else { return nil }
            } else {
                guard let h = hexValue(c) else { return nil }
                if let hi = high { out.append(hi << 4 | h); high = nil } else { high = h }
            }
            i += 1
        }
        return out.count == 16 ? out : nil
    }

    /// Standard or URL-safe base64, padding optional.
    static func base64(_ t: Text) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(t.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for c in t {
            let v: UInt32
            switch c {
            case 65...90: v = UInt32(c - 65)
            case 97...122: v = UInt32(c - 71)
            case 48...57: v = UInt32(c + 4)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
            case UInt8(ascii: "="): padding += 1; continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard bits < 6, padding <= 2, (t.count % 4 == 0 || padding == 0) else { return nil }
        return out
    }

    /// Whether `t` is valid UTF-8; otherwise the index of the first bad byte.
    static func invalidUTF8Index(_ t: Text) -> Int? {
        let n = t.count
        guard let base = t.baseAddress else { return nil }
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return nil }
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let second = base[i + 1]
            guard second >= lower && second <= upper else { return i }
            for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}

/// The unit a timestamp is stored in, as a scale from nanoseconds.
struct TimeUnitScale: Sendable {
    let perSecond: Int64
    init(_ unit: TimeUnit) { perSecond = unit.perSecond }
}

extension ScalarParser.Timestamp {
    /// The instant as a count of `unit`, truncating finer digits; `nil` on overflow.
    func count(in unit: TimeUnitScale) -> Int64? {
        let (s, o) = seconds.multipliedReportingOverflow(by: unit.perSecond)
        guard !o else { return nil }
        let (v, o2) = s.addingReportingOverflow(nanos / (1_000_000_000 / unit.perSecond))
        return o2 ? nil : v
    }
}
