import Columnar

/// Infers column types from text when no schema is given.
///
/// Each column gets the narrowest type every non-null sampled value fits, in this order:
/// boolean (`true`/`false`, any case), int64, double (int and double mixed → double), date
/// (`YYYY-MM-DD`), timestamp (ISO-8601 with `T` or space; `Z`/offset → `timestamp[us, UTC]`,
/// no zone → naive `timestamp[us]`; `ns` when a value has more than 6 fractional digits;
/// dates mixed with timestamps → timestamp), otherwise string. Zoned and naive timestamps
/// mixed, or any other mix, give string; a column with only nulls is string. Inferred
/// columns are always nullable. In JSON Lines, JSON numbers and booleans give their types,
/// JSON strings are only promoted to date/timestamp, arrays give `list<element>` and nested
/// objects give string (kept as JSON text).
public enum SchemaInference {
    /// The schema a reader would infer for the input at `path` with `options`.
    public static func infer(path: String, format: TextFormat? = nil, options: TextReadOptions = TextReadOptions()) throws(TextFormatError) -> Schema {
        try TextTableReader(path: path, format: format, schema: nil, options: options).schema
    }

    /// The schema a reader would infer for in-memory input.
    public static func infer(bytes: [UInt8], format: TextFormat, options: TextReadOptions = TextReadOptions()) throws(TextFormatError) -> Schema {
        try TextTableReader(bytes: bytes, format: format, schema: nil, options: options).schema
    }
}

/// Accumulates what kinds of values one column holds.
struct TypeTracker: Sendable {
    private var bool = false, int = false, double = false, date = false
    private var zoned = false, naive = false, nanos = false
    private var string = false, array = false, object = false
    private var element: [TypeTracker] = []

    /// Observes a non-null text value (CSV field).
    mutating func observe(text t: UnsafeBufferPointer<UInt8>) {
        if string { return }
        if ScalarParser.strictBoolean(t) != nil { bool = true; return }
        if let first = t.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || ScalarParser.isDigit(first) {
            if ScalarParser.int64(t) != nil { int = true; return }
            if observeTemporal(t) { return }
        }
        if ScalarParser.double(t) != nil { double = true; return }
        string = true
    }

    private mutating func observeTemporal(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.count == 10, ScalarParser.date(t) != nil { date = true; return true }
        if let ts = ScalarParser.timestamp(t) {
            if ts.zoned { zoned = true } else { naive = true }
            if ts.fractionDigits > 6 { nanos = true }
            return true
        }
        return false
    }

    /// Observes a JSON value whose texts live in `arena`.
    mutating func observe(json node: JSONNode, arena: UnsafeBufferPointer<UInt8>) {
        switch node {
        case .null: break
        case .bool: bool = true
        case .number(_, let integer):
            if integer, case .number(let r, _) = node, ScalarParser.int64(UnsafeBufferPointer(rebasing: arena[r])) != nil {
                int = true
            } else {
                double = true
            }
        case .string(let r):
            let t = UnsafeBufferPointer(rebasing: arena[r])
            if t.isEmpty || !observeTemporal(t) { string = true }
        case .array(let items):
            array = true
            if element.isEmpty { element = [TypeTracker()] }
            for item in items { element[0].observe(json: item, arena: arena) }
        case .object: object = true
        }
    }

    /// The inferred type.
    var type: DataType {
        let scalarKinds = [bool, int || double, date || zoned || naive, string || object].filter { $0 }.count
        if array {
            guard scalarKinds == 0 else { return .string }
            return .list(element: Field("element", element.first?.type ?? .string, nullable: true))
        }
        if string || object || scalarKinds != 1 { return .string }
        if bool { return .boolean }
        if double { return .double }
        if int { return .int64 }
        if zoned && naive { return .string }
        if zoned || naive { return .timestamp(unit: nanos ? .nanoseconds : .microseconds, utc: zoned) }
        return .date
    }
}
