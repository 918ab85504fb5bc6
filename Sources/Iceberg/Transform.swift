/// A partition or sort transform (spec "Partition Transforms").
public enum Transform: Sendable, Hashable {
    /// The source value unchanged.
    case identity
    /// `(murmur3(v) & Int32.max) % n`.
    case bucket(Int)
    /// Values truncated to width `w` (ints, longs, decimals) or length `w` (strings, binary).
    case truncate(Int)
    /// Years since 1970.
    case year
    /// Months since 1970-01.
    case month
    /// Days since 1970-01-01 (a date).
    case day
    /// Hours since 1970-01-01T00:00.
    case hour
    /// Always null.
    case void
    /// A transform this implementation does not know; kept so metadata round-trips, ignored by planning.
    case unknown(String)

    /// Parses a transform string (`identity`, `bucket[16]`, `truncate[4]`, `day`...).
    public init(_ text: String) {
        let t = text.filter { !$0.isWhitespace }
        switch t {
        case "identity": self = .identity
        case "year": self = .year
        case "month": self = .month
        case "day": self = .day
        case "hour": self = .hour
        case "void": self = .void
        default:
            if t.hasPrefix("bucket["), t.hasSuffix("]"), let n = Int(t.dropFirst(7).dropLast()), n > 0 {
                self = .bucket(n)
            } else if t.hasPrefix("truncate["), t.hasSuffix("]"), let w = Int(t.dropFirst(9).dropLast()), w > 0 {
                self = .truncate(w)
            } else {
                self = .unknown(text)
            }
        }
    }

    /// The transform string as written in metadata JSON.
    public var name: String {
        switch self {
        case .identity: "identity"
        case .bucket(let n): "bucket[\(n)]"
        case .truncate(let w): "truncate[\(w)]"
        case .year: "year"
        case .month: "month"
        case .day: "day"
        case .hour: "hour"
        case .void: "void"
        case .unknown(let s): s
        }
    }

    /// The type of this transform's output for a `source` column type; throws when the
    /// transform does not apply to that type.
    public func resultType(for source: IcebergType) throws(IcebergError) -> IcebergType {
        let temporal: Set<IcebergType> = [.date, .timestamp, .timestamptz, .timestampNs, .timestamptzNs]
        let timestamps: Set<IcebergType> = [.timestamp, .timestamptz, .timestampNs, .timestamptzNs]
        func reject() -> IcebergError {
            IcebergError(.invalidTransform, "transform \(name) cannot be applied to \(source.name)")
        }
        switch self {
        case .identity:
            guard source.isPrimitive else { throw reject() }
            return source
        case .void: return source
        case .bucket:
            switch source {
            case .int, .long, .decimal, .date, .time, .timestamp, .timestamptz, .timestampNs, .timestamptzNs,
                .string, .uuid, .fixed, .binary:
                return .int
            default: throw reject()
            }
        case .truncate:
            switch source {
            case .int, .long, .decimal, .string, .binary: return source
            default: throw reject()
            }
        case .year, .month:
            guard temporal.contains(source) else { throw reject() }
            return .int
        case .day:
            guard temporal.contains(source) else { throw reject() }
            return .date
        case .hour:
            guard timestamps.contains(source) else { throw reject() }
            return .int
        case .unknown:
            throw IcebergError(.invalidTransform, "unknown transform '\(name)'")
        }
    }

    /// Applies the transform to one value; `nil` (null) in gives `nil` out, as does ``void``.
    public func apply(_ value: Literal?) throws(IcebergError) -> Literal? {
        guard let value else { return nil }
        func reject() -> IcebergError {
            IcebergError(.invalidTransform, "transform \(name) cannot be applied to the value \(value)")
        }
        switch self {
        case .identity: return value
        case .void: return nil
        case .unknown: throw IcebergError(.invalidTransform, "unknown transform '\(name)'")
        case .bucket(let n):
            switch value {
            case .boolean, .float, .double: throw reject()
            default: return .int(Int32((Int64(Murmur3.hash(value)) & Int64(Int32.max)) % Int64(n)))
            }
        case .truncate(let w):
            let width = Int64(w)
            switch value {
            case .int(let v): return .int(Int32(truncatingIfNeeded: Int64(v) - ((Int64(v) % width) + width) % width))
            case .long(let v):
                let r = ((v % width) + width) % width
                return .long(v &- r)
            case .decimal(let u, let s):
                let wide = Int128(w)
                return .decimal(unscaled: u &- ((u % wide) + wide) % wide, scale: s)
            case .string(let s): return .string(String(String.UnicodeScalarView(s.unicodeScalars.prefix(w))))
            case .binary(let b): return .binary(Array(b.prefix(w)))
            default: throw reject()
            }
        case .year, .month, .day, .hour:
            let micros: Int64?
            var days: Int64
            switch value {
            case .date(let d):
                micros = nil
                days = Int64(d)
            case .timestamp(let us), .timestamptz(let us):
                micros = us
                days = us.floorDiv(86_400_000_000)
            case .timestampNs(let ns), .timestamptzNs(let ns):
                micros = ns.floorDiv(1000)
                days = ns.floorDiv(86_400_000_000_000)
            default: throw reject()
            }
            switch self {
            case .day: return .date(Int32(truncatingIfNeeded: days))
            case .hour:
                guard let micros else { throw reject() }
                return .int(Int32(truncatingIfNeeded: micros.floorDiv(3_600_000_000)))
            case .year:
                return .int(Int32(truncatingIfNeeded: CivilDate(days: days).year - 1970))
            default:
                let c = CivilDate(days: days)
                return .int(Int32(truncatingIfNeeded: (c.year - 1970) * 12 + c.month - 1))
            }
        }
    }
}
