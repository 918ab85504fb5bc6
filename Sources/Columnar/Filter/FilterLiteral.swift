import Foundation

/// A literal as written in filter text, before it is converted to its column's type.
enum FilterLiteral: Sendable, Equatable {
    case number(String)
    case string(String)
    case boolean(Bool)
    case date(String)
    case timestamp(String)

    /// True for `DATE '…'` and `TIMESTAMP '…'`, which span two tokens.
    var isKeywordPrefixed: Bool {
        switch self {
        case .date, .timestamp: true
        default: false
        }
    }

    /// The literal converted exactly to `field`'s type; `text` and `position` are for messages.
    func value(for field: Field, text: String, position: Int) throws(ColumnarError) -> Value {
        func mismatch() -> ColumnarError {
            ColumnarError(.invalidFilter, "filter: column '\(field.name)' is \(field.type) and cannot be compared with \(text) at position \(position)", position: position)
        }
        switch (field.type, self) {
        case (.boolean, .boolean(let b)): return .boolean(b)
        case (.int32, .number(let n)), (.int64, .number(let n)):
            let d = try Self.decimal(n, position: position)
            if d.scale == 0 {
                if field.type == .int32, let v = Int32(exactly: d.unscaled) { return .int32(v) }
                if let v = Int64(exactly: d.unscaled) { return .int64(v) }
            }
            return d.value
        case (.float, .number(let n)):
            _ = try Self.decimal(n, position: position)
            return .float(Float(n) ?? .nan)
        case (.double, .number(let n)):
            _ = try Self.decimal(n, position: position)
            return .double(Double(n) ?? .nan)
        case (.decimal(_, let scale), .number(let n)):
            let d = try Self.decimal(n, position: position)
            if case .decimal(let u, let s) = d.value, s <= scale, let rescaled = Self.rescale(u, by: scale - s) {
                return .decimal(rescaled, scale: scale)
            }
            return d.value
        case (.string, .string(let s)): return .string(s)
        case (.binary, .string(let s)), (.fixedBinary, .string(let s)): return .binary(Array(s.utf8))
        case (.uuid, .string(let s)):
            guard let u = UUID(uuidString: s) else {
                throw ColumnarError(.invalidFilter, "filter: invalid UUID \(text) at position \(position) (expected e.g. '123e4567-e89b-12d3-a456-426614174000')", position: position)
            }
            return .uuid(u)
        case (.date, .date(let s)), (.date, .string(let s)):
            guard let days = FilterTime.days(s) else {
                throw ColumnarError(.invalidFilter, "filter: invalid date \(text) at position \(position) (expected YYYY-MM-DD)", position: position)
            }
            return .date(days)
        case (.timestamp(let unit, _), .timestamp(let s)), (.timestamp(let unit, _), .string(let s)),
             (.timestamp(let unit, _), .date(let s)):
            guard let nanos = FilterTime.nanoseconds(s) else {
                throw ColumnarError(.invalidFilter, "filter: invalid timestamp \(text) at position \(position) (expected e.g. 2026-01-01T00:00:00Z)", position: position)
            }
            let per = Int128(1_000_000_000 / unit.perSecond)
            if nanos % per == 0, let v = Int64(exactly: nanos / per) { return .timestamp(v, unit) }
            guard let v = Int64(exactly: nanos) else {
                throw ColumnarError(.invalidFilter, "filter: timestamp \(text) at position \(position) is out of range", position: position)
            }
            return .timestamp(v, .nanoseconds)
        case (.list, _):
            throw ColumnarError(.invalidFilter, "filter: column '\(field.name)' is \(field.type); a list can only be tested with IS [NOT] NULL (at position \(position))", position: position)
        default:
            throw mismatch()
        }
    }

    /// Multiplies by 10^`digits`, or nil on overflow.
    static func rescale(_ v: Int128, by digits: Int) -> Int128? {
        var out = v
        for _ in 0..<digits {
            let r = out.multipliedReportingOverflow(by: 10)
            if r.overflow { return nil }
            out = r.partialValue
        }
        return out
    }

    /// A number literal as an exact decimal when it fits 38 digits, otherwise as a double.
    static func decimal(_ text: String, position: Int) throws(ColumnarError) -> (unscaled: Int128, scale: Int, value: Value) {
        let invalid = ColumnarError(.invalidFilter, "filter: invalid number '\(text)' at position \(position)", position: position)
        var chars = Substring(text)
        let negative = chars.first == "-"
        if negative { chars = chars.dropFirst() }
        var mantissa = chars
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = chars[..<e]
            guard let x = Int(chars[chars.index(after: e)...]), abs(x) < 400 else { throw invalid }
            exponent = x
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.contains(where: { !$0.isEmpty }) else { throw invalid }
        let digits = parts.joined()
        var scale = (parts.count == 2 ? parts[1].count : 0) - exponent
        var unscaled: Int128? = 0
        for d in digits {
            guard let u = unscaled else { break }
            let m = u.multipliedReportingOverflow(by: 10)
            let a = m.partialValue.addingReportingOverflow(Int128(d.wholeNumberValue!))
            unscaled = m.overflow || a.overflow ? nil : a.partialValue
        }
        if var u = unscaled {
            if scale < 0 {
                guard let r = rescale(u, by: -scale) else { return (0, 0, .double(Double(text) ?? .nan)) }
                u = r
                scale = 0
            }
            while scale > 0 && u % 10 == 0 { u /= 10; scale -= 1 }
            if negative { u = -u }
            return (u, scale, .decimal(u, scale: scale))
        }
        guard let d = Double(text) else { throw invalid }
        return (0, 0, .double(d))
    }
}

/// Calendar arithmetic for date and timestamp literals (proleptic Gregorian, UTC).
enum FilterTime {
    /// Days since 1970-01-01 of `YYYY-MM-DD`, or nil when malformed.
    static func days(_ text: String) -> Int32? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return Int32(exactly: daysFromCivil(y, m, d))
    }

    static func daysIn(month m: Int, year y: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given civil date.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        // Shift the year to start in March so the leap day is the last day of the year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Nanoseconds since the epoch of `YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|±HH[:MM]]`;
    /// a time without a zone is read as UTC.
    static func nanoseconds(_ text: String) -> Int128? {
        let chars = Array(text)
        guard chars.count >= 10, let days = days(String(chars[0..<10])) else { return nil }
        var total = Int128(days) * 86_400 * 1_000_000_000
        var i = 10
        guard i < chars.count else { return total }
        guard chars[i] == "T" || chars[i] == "t" || chars[i] == " " else { return nil }
        i += 1
        func number(_ width: Int, max: Int) -> Int? {
            guard i + width <= chars.count, let v = Int(String(chars[i..<(i + width)])), v <= max,
                  chars[i..<(i + width)].allSatisfy(\.isASCII) else { return nil }
            i += width
            return v
        }
        guard let hour = number(2, max: 23), i < chars.count, chars[i] == ":", ({ i += 1; return true })(),
              let minute = number(2, max: 59) else { return nil }
        var seconds = 0
        var fraction: Int128 = 0
        if i < chars.count, chars[i] == ":" {
            i += 1
            guard let s = number(2, max: 59) else { return nil }
            seconds = s
            if i < chars.count, chars[i] == "." || chars[i] == "," {
                i += 1
                var digits = 0
                while i < chars.count, chars[i].isASCII, let d = chars[i].wholeNumberValue {
                    guard digits < 9 else { return nil }
                    fraction = fraction * 10 + Int128(d)
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<9 { fraction *= 10 }
            }
        }
        total += Int128(hour * 3600 + minute * 60 + seconds) * 1_000_000_000 + fraction
        guard i < chars.count else { return total }
        if chars[i] == "Z" || chars[i] == "z" {
            return i + 1 == chars.count ? total : nil
        }
        guard chars[i] == "+" || chars[i] == "-" else { return nil }
        let sign: Int128 = chars[i] == "+" ? 1 : -1
        i += 1
        guard let zh = number(2, max: 18) else { return nil }
        var zm = 0
        if i < chars.count {
            if chars[i] == ":" { i += 1 }
            guard let m = number(2, max: 59) else { return nil }
            zm = m
        }
        guard i == chars.count else { return nil }
        return total - sign * Int128(zh * 3600 + zm * 60) * 1_000_000_000
    }
}
