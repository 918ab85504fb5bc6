import Columnar

/// The mesh's text conventions for values, shared by every writer and printer.
///
/// - null: JSON `null`; an empty field in CSV; `null` in tables.
/// - booleans and integers: JSON literals (`true`, `42`).
/// - floats: the shortest text that reads back to the same value (`1.5`, `0.1`, `1e-07`);
///   NaN and infinities as `NaN`, `Infinity`, `-Infinity` (JSON strings in JSON Lines).
/// - dates: `YYYY-MM-DD`.
/// - timestamps: ISO-8601 `2026-01-02T03:04:05Z`; the fraction is printed only when it is
///   non-zero, and then with the unit's full precision (3 digits for ms, 6 for µs, 9 for ns),
///   e.g. `2026-01-02T03:04:05.120000Z`; UTC-adjusted timestamps end in `Z`, naive ones have
///   no zone suffix.
/// - decimals: exact digits at the column's scale (`12.30` for scale 2), JSON numbers.
/// - UUIDs: canonical lowercase `8-4-4-4-12`.
/// - binary and fixed binary: standard base64 with padding.
/// - lists: JSON arrays (also inside CSV cells and tables).
/// - strings: raw in CSV and tables; JSON-escaped in JSON (`\"`, `\\`, `\n`, `\r`, `\t`,
///   other control characters as `\u00XX`).
public enum ValueFormatter {
    /// Appends row `row` of `column` as a JSON value.
    public static func appendJSON(_ column: Column, row: Int, into out: inout [UInt8]) {
        if column.isNull(row) { out.append(contentsOf: "null".utf8); return }
        switch (column.values, column.type) {
        case (.bytes(let v), .string):
            v.withBytes(row) { appendJSONString($0.assumingMemoryBound(to: UInt8.self), into: &out) }
        case (.double(let b), _):
            appendDouble(b[row], json: true, into: &out)
        case (.float(let b), _):
            appendFloat(b[row], json: true, into: &out)
        case (.list(let offsets, let child), _):
            out.append(UInt8(ascii: "["))
            for k in offsets[row]..<offsets[row + 1] {
                if k > offsets[row] { out.append(UInt8(ascii: ",")) }
                appendJSON(child, row: k, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case (_, .boolean), (_, .int32), (_, .int64), (_, .decimal):
            appendText(column, row: row, into: &out)
        default:
            out.append(UInt8(ascii: "\""))
            appendText(column, row: row, into: &out)
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Appends row `row` of `column` as plain text (CSV cell, table cell): strings raw, other
    /// types as in JSON without quotes. Appends nothing for null.
    public static func appendText(_ column: Column, row i: Int, into out: inout [UInt8]) {
        if column.isNull(i) { return }
        switch (column.values, column.type) {
        case (.boolean(let b), _): out.append(contentsOf: (b[i] ? "true" : "false").utf8)
        case (.int32(let b), .date): appendDate(b[i], into: &out)
        case (.int32(let b), _): appendInteger(Int64(b[i]), into: &out)
        case (.int64(let b), .timestamp(let unit, let utc)): appendTimestamp(b[i], unit: unit, utc: utc, into: &out)
        case (.int64(let b), _): appendInteger(b[i], into: &out)
        case (.float(let b), _): appendFloat(b[i], json: false, into: &out)
        case (.double(let b), _): appendDouble(b[i], json: false, into: &out)
        case (.decimal(let b), .decimal(_, let scale)): out.append(contentsOf: decimal(b[i], scale: scale).utf8)
        case (.decimal(let b), _): out.append(contentsOf: decimal(b[i], scale: 0).utf8)
        case (.bytes(let v), .string): out.append(contentsOf: v.bytes(i))
        case (.bytes(let v), _): appendBase64(v.bytes(i), into: &out)
        case (.fixed(let w, let b), .uuid): appendUUID(b.slice((i * w)..<((i + 1) * w)), into: &out)
        case (.fixed(let w, let b), _): appendBase64(b.slice((i * w)..<((i + 1) * w)), into: &out)
        case (.list, _): appendJSON(column, row: i, into: &out)
        }
    }

    /// Row `row` of `column` as plain text, or `nil` when null.
    public static func text(_ column: Column, row: Int) -> String? {
        if column.isNull(row) { return nil }
        var out: [UInt8] = []
        appendText(column, row: row, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Row `row` of `column` as JSON text.
    public static func json(_ column: Column, row: Int) -> String {
        var out: [UInt8] = []
        appendJSON(column, row: row, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends a decimal integer.
    @inline(__always)
    public static func appendInteger(_ v: Int64, into out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = v.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { raw -> Int in
            var n = 0
            repeat {
                raw[23 - n] = UInt8(truncatingIfNeeded: magnitude % 10) + 48
                magnitude /= 10
                n += 1
            } while magnitude > 0
            return n
        }
        withUnsafeBytes(of: &digits) { raw in out.append(contentsOf: raw[(24 - count)...]) }
    }

    /// Appends a double in its shortest round-trip form; non-finite values as `NaN`,
    /// `Infinity`, `-Infinity` (quoted when `json`).
    public static func appendDouble(_ v: Double, json: Bool, into out: inout [UInt8]) {
        if v.isFinite { out.append(contentsOf: v.description.utf8); return }
        appendNonFinite(v.isNaN ? "NaN" : v < 0 ? "-Infinity" : "Infinity", json: json, into: &out)
    }

    /// Appends a float in its shortest round-trip form (see ``appendDouble(_:json:into:)``).
    public static func appendFloat(_ v: Float, json: Bool, into out: inout [UInt8]) {
        if v.isFinite { out.append(contentsOf: v.description.utf8); return }
        appendNonFinite(v.isNaN ? "NaN" : v < 0 ? "-Infinity" : "Infinity", json: json, into: &out)
    }

    private static func appendNonFinite(_ word: String, json: Bool, into out: inout [UInt8]) {
        if json { out.append(UInt8(ascii: "\"")) }
        out.append(contentsOf: word.utf8)
        if json { out.append(UInt8(ascii: "\"")) }
    }

    @inline(__always)
    private static func appendPadded(_ v: Int, width: Int, into out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = v
        if rest >= divisor * 10 { out.append(contentsOf: String(v).utf8); return }
        while divisor > 0 {
            out.append(UInt8(rest / divisor) + 48)
            rest %= divisor
            divisor /= 10
        }
    }

    private static func appendYearMonthDay(_ days: Int, into out: inout [UInt8]) {
        let (y, m, d) = ScalarParser.civilFromDays(days)
        if y < 0 { out.append(UInt8(ascii: "-")) }
        appendPadded(abs(y), width: 4, into: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(m, width: 2, into: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(d, width: 2, into: &out)
    }

    /// Appends a date (days since 1970-01-01) as `YYYY-MM-DD`.
    public static func appendDate(_ days: Int32, into out: inout [UInt8]) {
        appendYearMonthDay(Int(days), into: &out)
    }

    /// Appends a timestamp as ISO-8601 (see the type's documentation for the fraction rule).
    public static func appendTimestamp(_ v: Int64, unit: TimeUnit, utc: Bool, into out: inout [UInt8]) {
        let perSecond = unit.perSecond
        var seconds = v / perSecond
        var fraction = v % perSecond
        if fraction < 0 { fraction += perSecond; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        appendYearMonthDay(Int(days), into: &out)
        out.append(UInt8(ascii: "T"))
        appendPadded(Int(secondOfDay / 3600), width: 2, into: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(Int(secondOfDay / 60 % 60), width: 2, into: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(Int(secondOfDay % 60), width: 2, into: &out)
        if fraction != 0 {
            out.append(UInt8(ascii: "."))
            appendPadded(Int(fraction), width: unit == .milliseconds ? 3 : unit == .microseconds ? 6 : 9, into: &out)
        }
        if utc { out.append(UInt8(ascii: "Z")) }
    }

    /// A timestamp as ISO-8601 text.
    public static func timestamp(_ v: Int64, unit: TimeUnit, utc: Bool) -> String {
        var out: [UInt8] = []
        appendTimestamp(v, unit: unit, utc: utc, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A date as `YYYY-MM-DD`.
    public static func date(_ days: Int32) -> String {
        var out: [UInt8] = []
        appendDate(days, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// An unscaled decimal as exact text with `scale` digits after the point.
    public static func decimal(_ unscaled: Int128, scale: Int) -> String {
        let digits = String(unscaled.magnitude)
        let sign = unscaled < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits + String(repeating: "0", count: max(0, -scale)) }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends 16 bytes as a canonical lowercase UUID.
    public static func appendUUID<C: Collection<UInt8>>(_ bytes: C, into out: inout [UInt8]) {
        for (k, b) in bytes.enumerated() {
            if k == 4 || k == 6 || k == 8 || k == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hexDigits[Int(b >> 4)])
            out.append(hexDigits[Int(b & 15)])
        }
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Appends standard padded base64.
    public static func appendBase64<C: Collection<UInt8>>(_ bytes: C, into out: inout [UInt8]) {
        var iterator = bytes.makeIterator()
        while let a = iterator.next() {
            let b = iterator.next(), c = iterator.next()
            let n = UInt32(a) << 16 | UInt32(b ?? 0) << 8 | UInt32(c ?? 0)
            out.append(base64Alphabet[Int(n >> 18 & 63)])
            out.append(base64Alphabet[Int(n >> 12 & 63)])
            out.append(b == nil ? UInt8(ascii: "=") : base64Alphabet[Int(n >> 6 & 63)])
            out.append(c == nil ? UInt8(ascii: "=") : base64Alphabet[Int(n & 63)])
        }
    }

    /// Appends UTF-8 text as a quoted, escaped JSON string.
    public static func appendJSONString(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for (k, c) in text.enumerated() where c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
            if k > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<k])) }
            runStart = k + 1
            out.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: "u00".utf8)
                out.append(hexDigits[Int(c >> 4)])
                out.append(hexDigits[Int(c & 15)])
            }
        }
        if text.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...])) }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a Swift string as a quoted, escaped JSON string.
    public static func appendJSONString(_ text: String, into out: inout [UInt8]) {
        var copy = text
        copy.withUTF8 { appendJSONString($0, into: &out) }
    }
}

/// Writes a parsed ``JSONNode`` back as compact JSON text.
enum JSONNodeWriter {
    static func write(_ node: JSONNode, arena: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        switch node {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let r, _), .object(let r): out.append(contentsOf: arena[r])
        case .string(let r):
            ValueFormatter.appendJSONString(UnsafeBufferPointer(rebasing: arena[r]), into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(item, arena: arena, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }
}
