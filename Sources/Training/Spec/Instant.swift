/// A point in time, in microseconds since 1970-01-01T00:00:00Z, written in a spec as an
/// ISO 8601 date (`2024-01-01`, meaning midnight UTC) or date-time (`2024-01-01T06:30:00Z`,
/// `2024-01-01 06:30:00+02:00`, fractional seconds up to microseconds).
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since the Unix epoch (UTC).
    public let microseconds: Int64
    /// The text the instant was written as (kept for round-tripping).
    public let text: String

    /// Creates an instant from microseconds since the epoch; its text is the ISO 8601 UTC form.
    public init(microseconds: Int64) {
        self.microseconds = microseconds
        self.text = Self.format(microseconds)
    }

    /// Parses an ISO 8601 date or date-time; `nil` if malformed or out of range.
    public init?(parsing text: String) {
        guard let micros = Self.parse(Array(text.utf8)) else { return nil }
        self.microseconds = micros
        self.text = text
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.microseconds < rhs.microseconds }
    public static func == (lhs: Instant, rhs: Instant) -> Bool { lhs.microseconds == rhs.microseconds }
    public func hash(into hasher: inout Hasher) { hasher.combine(microseconds) }
    public var description: String { text }

    private static func parse(_ s: [UInt8]) -> Int64? {
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= s.count else { return nil }
            var v: Int64 = 0
            for c in s[i..<(i + width)] {
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += width
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var micros = days(year: year, month: month, day: day) * 86_400_000_000
        if i == s.count { return micros }
        guard s[i] == 84 || s[i] == 116 || s[i] == 32 else { return nil }  // T, t or space
        i += 1
        guard let hour = number(2), hour < 24, expect(58), let minute = number(2), minute < 60 else { return nil }
        var second: Int64 = 0
        var fraction: Int64 = 0
        if expect(58) {
            guard let sec = number(2), sec < 60 else { return nil }
            second = sec
            if expect(46) {
                var digits = 0
                while i < s.count, s[i] >= 48 && s[i] <= 57 {
                    guard digits < 6 else { return nil }
                    fraction = fraction * 10 + Int64(s[i] - 48)
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<6 { fraction *= 10 }
            }
        }
        micros += ((hour * 60 + minute) * 60 + second) * 1_000_000 + fraction
        if i == s.count { return micros }
        if expect(90) || expect(122) { return i == s.count ? micros : nil }  // Z or z
        guard i < s.count, s[i] == 43 || s[i] == 45 else { return nil }
        let sign: Int64 = s[i] == 43 ? 1 : -1
        i += 1
        guard let oh = number(2), oh < 24 else { return nil }
        _ = expect(58)
        guard let om = number(2), om < 60, i == s.count else { return nil }
        return micros - sign * (oh * 60 + om) * 60_000_000
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func format(_ micros: Int64) -> String {
        let dayCount = micros >= 0 ? micros / 86_400_000_000 : (micros - 86_399_999_999) / 86_400_000_000
        let rest = micros - dayCount * 86_400_000_000
        let z = dayCount + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if rest == 0 { return date }
        let seconds = rest / 1_000_000
        let fraction = rest % 1_000_000
        var text = "\(date)T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 { text += ".\(pad(fraction, 6))" }
        return text + "Z"
    }
}
