import Columnar

extension ScalarParser {
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
    static func digits(_ t: Text, _ at: Int, _ count: Int) -> Int? {
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
