import Columnar
import Foundation
import TestSupport

/// Canonical JSON forms of values, shared by the Swift side and the Python side of interop
/// tests so that values can be compared exactly: floats as the bit pattern of the double,
/// timestamps as nanoseconds, decimals as the unscaled integer text, bytes and UUIDs as hex.
enum Canonical {
    static func value(_ v: Value) -> Any {
        switch v {
        case .null: return NSNull()
        case .boolean(let b): return b
        case .int32(let x): return Int(x)
        case .int64(let x): return Int(x)
        case .float(let x): return Int64(bitPattern: Double(x).bitPattern)
        case .double(let x): return Int64(bitPattern: x.bitPattern)
        case .string(let s): return s
        case .binary(let b): return hex(b)
        case .date(let d): return Int(d)
        case .timestamp(let t, let unit): return Int(t) * Int(1_000_000_000 / unit.perSecond)
        case .decimal(let u, _): return String(u)
        case .uuid(let u): return hex(withUnsafeBytes(of: u.uuid) { Array($0) })
        case .list(let items): return items.map(value)
        }
    }

    static func hex(_ b: [UInt8]) -> String { b.map { String(format: "%02x", $0) }.joined() }

    /// `{column: [values...]}` of a batch.
    static func batch(_ b: RecordBatch) -> [String: Any] {
        var out: [String: Any] = [:]
        for (i, f) in b.schema.fields.enumerated() {
            out[f.name] = (0..<b.count).map { value(b.columns[i].value(at: $0)) }
        }
        return out
    }

    static func write(_ b: RecordBatch, to url: URL) throws {
        try JSONSerialization.data(withJSONObject: batch(b)).write(to: url)
    }

    /// Python helpers (`Fixtures/canonical.py`): `canon_table(arrow_table)` and `compare(expected, actual, label)`.
    static var python: String {
        let url = Interop.repositoryRoot.appendingPathComponent("Tests/ParquetTests/Fixtures/canonical.py")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? "raise SystemExit('canonical.py not found')"
    }
}
