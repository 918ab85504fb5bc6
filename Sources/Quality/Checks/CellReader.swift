import Columnar
import Foundation

/// Reads one column's cells for value-level checks: null-ness, an identity hash (equal values
/// hash alike, matching ``Hash64`` on the value's bytes or number), a numeric reading and text.
struct CellReader {
    let column: Column
    let isNumeric: Bool

    init(_ column: Column) {
        self.column = column
        switch column.type {
        case .int32, .int64, .float, .double, .decimal: isNumeric = true
        default: isNumeric = false
        }
    }

    @inline(__always) func isNull(_ i: Int) -> Bool { column.validity.map { !$0[i] } ?? false }

    /// A hash identifying the value: strings/binaries by bytes, numbers by value, others by text.
    func hash(_ i: Int) -> UInt64 {
        switch column.values {
        case .bytes(let v): return v.withBytes(i) { Hash64.hash($0) }
        case .int32(let b) where column.type == .int32: return Hash64.hash(Int64(b[i]))
        case .int64(let b) where column.type == .int64: return Hash64.hash(b[i])
        case .float(let b): return Hash64.hash(Double(b[i]))
        case .double(let b): return Hash64.hash(b[i])
        case .decimal: return Hash64.hash(number(i) ?? 0)
        default: return Self.textHash(text(i))
        }
    }

    /// The numeric reading (numbers, dates as days, timestamps as counts of their unit).
    func number(_ i: Int) -> Double? {
        switch column.values {
        case .int32(let b): return Double(b[i])
        case .int64(let b): return Double(b[i])
        case .float(let b): return Double(b[i])
        case .double(let b): return b[i]
        case .decimal(let b):
            if case .decimal(_, let scale) = column.type { return Double(b[i]) / pow10(scale) }
            return Double(b[i])
        case .boolean(let b): return b[i] ? 1 : 0
        default: return nil
        }
    }

    /// The value as text: strings as they are, numbers as written in YAML, dates ISO-8601.
    func text(_ i: Int) -> String {
        switch column.values {
        case .bytes(let v) where column.type == .string: return v.string(i)
        case .bytes(let v): return v.bytes(i).map { String(format: "%02x", $0) }.joined()
        case .int32(let b) where column.type == .date: return Self.dateText(days: Int64(b[i]))
        case .int32(let b): return String(b[i])
        case .int64(let b):
            if case .timestamp(let unit, _) = column.type { return Self.timestampText(b[i], unit: unit) }
            return String(b[i])
        case .float(let b): return String(b[i])
        case .double(let b): return String(b[i])
        case .decimal(let b):
            if case .decimal(_, let scale) = column.type { return StatValue.decimalText(b[i], scale: scale) }
            return String(b[i])
        case .boolean(let b): return b[i] ? "true" : "false"
        case .fixed:
            if case .uuid(let u) = column.value(at: i) { return u.uuidString.lowercased() }
            return "\(column.value(at: i))"
        case .list: return "\(column.value(at: i))"
        }
    }

    /// The length in characters (Unicode scalars) of a string, in bytes of a binary, in elements of a list.
    func length(_ i: Int) -> Int? {
        switch column.values {
        case .bytes(let v) where column.type == .string:
            return v.withBytes(i) { raw in raw.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
        case .bytes(let v): return v.range(i).count
        case .list(let offsets, _): return offsets[i + 1] - offsets[i]
        default: return nil
        }
    }

    static func textHash(_ text: String) -> UInt64 {
        var t = text
        return t.withUTF8 { Hash64.hash(UnsafeRawBufferPointer($0)) }
    }

    static func dateText(days: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: Double(days) * 86_400))
    }

    static func timestampText(_ v: Int64, unit: TimeUnit) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        let seconds = Double(v / unit.perSecond) + Double(v % unit.perSecond) / Double(unit.perSecond)
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
