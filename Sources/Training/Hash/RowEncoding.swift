import Columnar
import Crypto
import Foundation

/// Rows encoded back to back in one arena (see ``ContentHash`` for the format), written
/// column by column into per-row slots.
struct RowEncoding {
    private(set) var arena: [UInt8] = []
    private(set) var offsets: [Int] = [0]
    var count: Int { offsets.count - 1 }

    mutating func append(_ batch: RecordBatch) {
        let n = batch.count
        guard n > 0 else { return }
        // Pass 1: each row's encoded length.
        var lengths = [Int](repeating: 0, count: n)
        for column in batch.columns { Self.addLengths(column, &lengths) }
        let base = arena.count
        var cursor = [Int](repeating: 0, count: n)
        var total = base
        for i in 0..<n {
            cursor[i] = total
            total += lengths[i]
            offsets.append(total)
        }
        arena.append(contentsOf: [UInt8](repeating: 0, count: total - base))
        // Pass 2: each column's values into the rows' slots.
        arena.withUnsafeMutableBufferPointer { out in
            for column in batch.columns { Self.write(column, out, &cursor) }
        }
    }

    private static func width(_ values: ColumnValues) -> Int? {
        switch values {
        case .boolean: 1
        case .int32, .float: 4
        case .int64, .double: 8
        case .decimal: 16
        case .fixed(let w, _): w
        case .bytes, .list: nil
        }
    }

    private static func addLengths(_ column: Column, _ lengths: inout [Int]) {
        if let w = width(column.values) {
            for i in lengths.indices { lengths[i] += 1 + (column.isNull(i) ? 0 : w) }
            return
        }
        for i in lengths.indices {
            lengths[i] += 1
            if column.isNull(i) { continue }
            switch column.values {
            case .bytes(let v): lengths[i] += 8 + v.range(i).count
            default:
                var scratch: [UInt8] = []
                encodeValue(column.value(at: i), into: &scratch)
                lengths[i] += scratch.count
            }
        }
    }

    private static func write(_ column: Column, _ out: UnsafeMutableBufferPointer<UInt8>, _ cursor: inout [Int]) {
        @inline(__always) func put<T: FixedWidthInteger>(_ v: T, _ i: Int) {
            var p = cursor[i]
            withUnsafeBytes(of: v.bigEndian) { for b in $0 { out[p] = b; p += 1 } }
            cursor[i] = p
        }
        for i in 0..<column.count {
            if column.isNull(i) {
                out[cursor[i]] = 0
                cursor[i] += 1
                continue
            }
            out[cursor[i]] = 1
            cursor[i] += 1
            switch column.values {
            case .boolean(let b): out[cursor[i]] = b[i] ? 1 : 0; cursor[i] += 1
            case .int32(let b): put(b[i], i)
            case .int64(let b): put(b[i], i)
            case .float(let b): put(b[i].isNaN ? Float.nan.bitPattern : b[i].bitPattern, i)
            case .double(let b): put(b[i].isNaN ? Double.nan.bitPattern : b[i].bitPattern, i)
            case .decimal(let b): put(UInt128(bitPattern: b[i]), i)
            case .fixed(let w, let b):
                for j in 0..<w { out[cursor[i] + j] = b[i * w + j] }
                cursor[i] += w
            case .bytes(let v):
                put(UInt64(v.range(i).count), i)
                for byte in v.bytes(i) { out[cursor[i]] = byte; cursor[i] += 1 }
            case .list:
                var scratch: [UInt8] = []
                encodeValue(column.value(at: i), into: &scratch)
                for byte in scratch { out[cursor[i]] = byte; cursor[i] += 1 }
            }
        }
    }

    /// The payload of a non-null value (slow path for lists; elements carry presence bytes).
    private static func encodeValue(_ value: Value, into out: inout [UInt8]) {
        func int<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) } }
        switch value {
        case .null: break
        case .boolean(let b): out.append(b ? 1 : 0)
        case .int32(let v), .date(let v): int(v)
        case .int64(let v), .timestamp(let v, _): int(v)
        case .float(let v): int(v.isNaN ? Float.nan.bitPattern : v.bitPattern)
        case .double(let v): int(v.isNaN ? Double.nan.bitPattern : v.bitPattern)
        case .decimal(let v, _): int(UInt128(bitPattern: v))
        case .string(let s): int(UInt64(s.utf8.count)); out.append(contentsOf: s.utf8)
        case .binary(let b): int(UInt64(b.count)); out.append(contentsOf: b)
        case .uuid(let u): withUnsafeBytes(of: u.uuid) { out.append(contentsOf: $0) }
        case .list(let items):
            int(UInt64(items.count))
            for item in items {
                out.append(item.isNull ? 0 : 1)
                encodeValue(item, into: &out)
            }
        }
    }

    /// Feeds the rows to `hasher` in ascending byte order.
    func hashSorted(into hasher: inout SHA256) {
        var order = [Int32](repeating: 0, count: count)
        for i in 0..<count { order[i] = Int32(i) }
        arena.withUnsafeBufferPointer { a in
            offsets.withUnsafeBufferPointer { o in
                let base = a.baseAddress
                order.sort { x, y in
                    let xs = o[Int(x)], xl = o[Int(x) + 1] - xs
                    let ys = o[Int(y)], yl = o[Int(y) + 1] - ys
                    let c = memcmp(base! + xs, base! + ys, min(xl, yl))
                    return c != 0 ? c < 0 : xl < yl
                }
                var chunk: [UInt8] = []
                chunk.reserveCapacity(1 << 20)
                for r in order {
                    chunk.append(contentsOf: UnsafeBufferPointer(rebasing: a[o[Int(r)]..<o[Int(r) + 1]]))
                    if chunk.count >= 1 << 20 {
                        hasher.update(data: chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { hasher.update(data: chunk) }
            }
        }
    }
}
