import Avro

extension Literal {
    /// The JSON single-value serialization (spec Appendix D): numbers and Booleans as JSON
    /// values; decimals as strings with `scale` fractional digits; dates, times and timestamps
    /// as ISO-8601 strings (`+00:00` for the zoned types); UUIDs lowercase; fixed and binary as hex.
    public var json: JSONValue {
        switch self {
        case .boolean(let b): .bool(b)
        case .int(let v): .int(Int64(v))
        case .long(let v): .int(v)
        case .float(let v): .double(Double(v))
        case .double(let v): .double(v)
        default: .string(description)
        }
    }

    /// Parses the JSON single-value serialization of a value of `type` (Appendix D). Zoned
    /// timestamps accept any `±HH:MM` offset or `Z` and are converted to UTC.
    public init(json: JSONValue, type: IcebergType) throws(IcebergError) {
        func mismatch() -> IcebergError {
            IcebergError(.typeMismatch, "\(json.serialized()) is not a JSON \(type.name) value")
        }
        switch type {
        case .boolean:
            guard let b = json.boolValue else { throw mismatch() }
            self = .boolean(b)
        case .int:
            guard let v = json.intValue, let i = Int32(exactly: v) else { throw mismatch() }
            self = .int(i)
        case .long:
            guard let v = json.intValue else { throw mismatch() }
            self = .long(v)
        case .float:
            guard let v = json.doubleValue else { throw mismatch() }
            self = .float(Float(v))
        case .double:
            guard let v = json.doubleValue else { throw mismatch() }
            self = .double(v)
        case .struct, .list, .map:
            throw IcebergError(.unsupported, "JSON values of nested type \(type.name) are not supported")
        default:
            guard let s = json.stringValue else { throw mismatch() }
            guard let parsed = Literal.parse(s, type: type) else {
                throw IcebergError(.typeMismatch, "'\(s)' is not a valid \(type.name) value")
            }
            self = parsed
        }
    }

    /// Parses the string form of a string-serialized type.
    static func parse(_ s: String, type: IcebergType) -> Literal? {
        switch type {
        case .string: return .string(s)
        case .uuid: return Literal.uuid(string: s)
        case .fixed(let l):
            guard let b = hexBytes(s), b.count == l else { return nil }
            return .fixed(b)
        case .binary: return hexBytes(s).map { .binary($0) }
        case .decimal(_, let scale): return decimal(s, scale: scale)
        case .date: return date(Substring(s)).map { .date(Int32(truncatingIfNeeded: $0)) }
        case .time:
            guard let ns = timeOfDay(Substring(s)) else { return nil }
            return .time(ns / 1000)
        case .timestamp, .timestampNs, .timestamptz, .timestamptzNs:
            let zoned = type == .timestamptz || type == .timestamptzNs
            guard let ns = timestamp(s, zoned: zoned) else { return nil }
            switch type {
            case .timestamp: return .timestamp(ns.floorDiv(1000))
            case .timestamptz: return .timestamptz(ns.floorDiv(1000))
            case .timestampNs: return .timestampNs(ns)
            default: return .timestamptzNs(ns)
            }
        default: return nil
        }
    }

    static func hexBytes(_ s: String) -> [UInt8]? {
        let chars = Array(s.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = hexDigit(chars[i]), let lo = hexDigit(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func hexDigit(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `-12.50` with scale 2 → unscaled -1250; more fractional digits than `scale` are rejected.
    static func decimal(_ s: String, scale: Int) -> Literal? {
        var text = Substring(s)
        let negative = text.first == "-"
        if negative || text.first == "+" { text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= scale, (whole + fraction).allSatisfy(\.isASCII), (whole + fraction).allSatisfy(\.isNumber) else { return nil }
        let digits = whole + fraction + String(repeating: "0", count: scale - fraction.count)
        guard digits.count <= 38, let v = Int128(digits.isEmpty ? "0" : String(digits)) else { return nil }
        return .decimal(unscaled: negative ? -v : v, scale: scale)
    }

    /// `YYYY-MM-DD` → days since 1970-01-01.
    static func date(_ s: Substring) -> Int64? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        let negativeYear = s.first == "-"
        let fields = negativeYear ? Array(parts.dropFirst()) : Array(parts)
        guard fields.count == 3, fields[1].count == 2, fields[2].count == 2, fields[0].count >= 4,
            let y = Int64(fields[0]), let m = Int64(fields[1]), let d = Int64(fields[2]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let civil = CivilDate(year: negativeYear ? -y : y, month: m, day: d)
        let days = civil.daysSinceEpoch
        guard CivilDate(days: days) == civil else { return nil }  // rejects 2026-02-30
        return days
    }

    /// `HH:MM:SS[.fffffffff]` → nanoseconds since midnight.
    static func timeOfDay(_ s: Substring) -> Int64? {
        let main = s.prefix(8)
        let parts = main.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }), let h = Int64(parts[0]), let m = Int64(parts[1]),
            let sec = Int64(parts[2]), h < 24, m < 60, sec < 60
        else { return nil }
        var nanos: Int64 = 0
        let rest = s.dropFirst(8)
        if !rest.isEmpty {
            guard rest.first == ".", rest.count >= 2, rest.count <= 10, let f = Int64(rest.dropFirst()), f >= 0 else { return nil }
            nanos = f
            for _ in 0..<(9 - (rest.count - 1)) { nanos *= 10 }
        }
        return ((h * 60 + m) * 60 + sec) * 1_000_000_000 + nanos
    }

    /// `YYYY-MM-DDTHH:MM:SS[.f…][offset]` → nanoseconds since the epoch (UTC for zoned values).
    static func timestamp(_ s: String, zoned: Bool) -> Int64? {
        guard let t = s.firstIndex(of: "T") else { return nil }
        guard let days = date(s[..<t]) else { return nil }
        var time = s[s.index(after: t)...]
        var offsetMinutes: Int64 = 0
        if zoned {
            if time.hasSuffix("Z") {
                time = time.dropLast()
            } else {
                guard time.count > 6 else { return nil }
                let off = time.suffix(6)
                let sign: Int64 = off.first == "+" ? 1 : off.first == "-" ? -1 : 0
                let hm = off.dropFirst().split(separator: ":")
                guard sign != 0, hm.count == 2, let oh = Int64(hm[0]), let om = Int64(hm[1]) else { return nil }
                offsetMinutes = sign * (oh * 60 + om)
                time = time.dropLast(6)
            }
        }
        guard let nanos = timeOfDay(time) else { return nil }
        let (dayNanos, o1) = days.multipliedReportingOverflow(by: 86_400_000_000_000)
        let (local, o2) = dayNanos.addingReportingOverflow(nanos)
        let (utc, o3) = local.subtractingReportingOverflow(offsetMinutes * 60_000_000_000)
        guard !o1, !o2, !o3 else { return nil }
        return utc
    }
}
