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

    /// Python helpers: `canon_table(arrow_table)` and `compare(expected, actual, label)`.
    static let python = #"""
import json, sys, struct, datetime, uuid as uuidlib
import pyarrow as pa
import pyarrow.compute as pc
import decimal
decimal.getcontext().prec = 100

def canon_value(v, t, name):
    if v is None:
        return None
    if isinstance(t, pa.ExtensionType):
        t = t.storage_type
    if pa.types.is_list(t) or pa.types.is_large_list(t) or getattr(pa.types, 'is_list_view', lambda _: False)(t):
        return [canon_value(x, t.value_type, name) for x in v]
    if isinstance(v, uuidlib.UUID):
        return v.hex
    if pa.types.is_boolean(t):
        return bool(v)
    if pa.types.is_integer(t):
        return int(v)
    if pa.types.is_floating(t):
        return struct.unpack('<q', struct.pack('<d', float(v)))[0]
    if pa.types.is_decimal(t):
        return str(int(v.scaleb(t.scale)))
    if pa.types.is_date(t):
        return (v - datetime.date(1970, 1, 1)).days
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, str):
        if name == 'u' and len(v) == 36 and v.count('-') == 4:
            return v.replace('-', '').lower()
        return v
    raise TypeError(f'column {name}: cannot canonicalize {type(v)} of {t}')

def canon_column(col, name):
    t = col.type
    if isinstance(t, pa.ExtensionType):
        col = pa.chunked_array([c.storage for c in col.chunks], type=t.storage_type)
        t = t.storage_type
    if pa.types.is_timestamp(t):
        col = pc.cast(col, pa.timestamp('ns', tz=t.tz)).cast(pa.int64())
        t = pa.int64()
    if (pa.types.is_list(t) or pa.types.is_large_list(t)) and pa.types.is_timestamp(t.value_type):
        raise TypeError('list<timestamp> not used in tests')
    return [canon_value(v, t, name) for v in col.to_pylist()]

def canon_table(tbl):
    return {name: canon_column(tbl.column(name), name) for name in tbl.column_names}

def compare(expected, actual, label):
    problems = []
    for name in expected:
        if name not in actual:
            problems.append(f'{label}: column {name} missing')
            continue
        e, a = expected[name], actual[name]
        if len(e) != len(a):
            problems.append(f'{label}: column {name} has {len(a)} rows, expected {len(e)}')
            continue
        for i, (x, y) in enumerate(zip(e, a)):
            if x != y:
                problems.append(f'{label}: column {name} row {i}: expected {x!r}, got {y!r}')
                break
    return problems
"""#
}
