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
}
