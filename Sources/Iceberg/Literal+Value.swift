import Columnar
import Foundation

extension Literal {
    /// Converts a `Columnar.Value` to a literal of Iceberg `type`; `nil` for nulls, lists and
    /// values that do not fit the type (e.g. a string for an int column).
    public init?(_ value: Value, type: IcebergType) {
        switch (value, type) {
        case (.boolean(let v), .boolean): self = .boolean(v)
        case (.int32(let v), .int): self = .int(v)
        case (.int32(let v), .long): self = .long(Int64(v))
        case (.int64(let v), .long): self = .long(v)
        case (.int64(let v), .int): guard let i = Int32(exactly: v) else { return nil }; self = .int(i)
        case (.float(let v), .float): self = .float(v)
        case (.float(let v), .double): self = .double(Double(v))
        case (.double(let v), .double): self = .double(v)
        case (.string(let v), .string): self = .string(v)
        case (.binary(let v), .binary): self = .binary(v)
        case (.binary(let v), .fixed): self = .fixed(v)
        case (.binary(let v), .uuid): self = .uuid(v)
        case (.date(let v), .date): self = .date(v)
        case (.timestamp(let v, let unit), .timestamp), (.timestamp(let v, let unit), .timestamptz):
            guard let micros = Self.convert(v, from: unit, to: .microseconds) else { return nil }
            self = type == .timestamp ? .timestamp(micros) : .timestamptz(micros)
        case (.timestamp(let v, let unit), .timestampNs), (.timestamp(let v, let unit), .timestamptzNs):
            guard let nanos = Self.convert(v, from: unit, to: .nanoseconds) else { return nil }
            self = type == .timestampNs ? .timestampNs(nanos) : .timestamptzNs(nanos)
        case (.decimal(let v, let scale), .decimal(_, let s)):
            guard scale <= s else { return nil }
            var u = v
            for _ in scale..<s { u *= 10 }
            self = .decimal(unscaled: u, scale: s)
        case (.int32(let v), .decimal(_, let s)), (.date(let v), .decimal(_, let s)):
            var u = Int128(v)
            for _ in 0..<s { u *= 10 }
            self = .decimal(unscaled: u, scale: s)
        case (.uuid(let u), .uuid):
            self = .uuid(withUnsafeBytes(of: u.uuid) { Array($0) })
        default: return nil
        }
    }

    static func convert(_ v: Int64, from: TimeUnit, to: TimeUnit) -> Int64? {
        func scale(_ u: TimeUnit) -> Int64 { u == .milliseconds ? 1_000_000 : u == .microseconds ? 1_000 : 1 }
        let f = scale(from), t = scale(to)
        if f >= t {
            let (r, o) = v.multipliedReportingOverflow(by: f / t)
            return o ? nil : r
        }
        return v / (t / f) - ((v % (t / f)) < 0 ? 1 : 0)
    }
}
