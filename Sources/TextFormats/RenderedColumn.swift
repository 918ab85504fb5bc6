import Columnar

/// One column of a batch rendered to text, cell after cell, so that writers can interleave
/// rows with a single type dispatch per column instead of one per cell.
struct RenderedColumn {
    /// The texts back to back; cell `i` is `bytes[ends[i - 1] ..< ends[i]]` (from 0 for `i == 0`).
    var bytes: [UInt8] = []
    /// One past the last byte of each cell.
    var ends: [Int] = []
    /// Whether each cell is null (`nil` when none is).
    var isNull: [Bool]?

    /// Renders `column` as JSON values (`json`) or plain text (CSV: nulls render as nothing).
    init(_ column: Column, json: Bool) {
        let n = column.count
        ends.reserveCapacity(n)
        bytes.reserveCapacity(n * 8)
        let validity = column.validity?.array
        isNull = validity.map { $0.map { !$0 } }
        let nullText: [UInt8] = json ? Array("null".utf8) : []

        @inline(__always)
        func each<T>(_ buffer: Buffer<T>, _ body: (T, inout [UInt8]) -> Void) {
            buffer.withUnsafeBufferPointer { values in
                for i in 0..<n {
                    if let validity, !validity[i] { bytes.append(contentsOf: nullText) } else { body(values[i], &bytes) }
                    ends.append(bytes.count)
                }
            }
        }

        switch (column.values, column.type) {
        case (.int64(let b), .timestamp(let unit, let utc)):
            each(b) { v, out in
                if json { out.append(UInt8(ascii: "\"")) }
                ValueFormatter.appendTimestamp(v, unit: unit, utc: utc, into: &out)
                if json { out.append(UInt8(ascii: "\"")) }
            }
        case (.int64(let b), _):
            each(b) { v, out in ValueFormatter.appendInteger(v, into: &out) }
        case (.int32(let b), .date):
            each(b) { v, out in
                if json { out.append(UInt8(ascii: "\"")) }
                ValueFormatter.appendDate(v, into: &out)
                if json { out.append(UInt8(ascii: "\"")) }
            }
        case (.int32(let b), _):
            each(b) { v, out in ValueFormatter.appendInteger(Int64(v), into: &out) }
        case (.double(let b), _):
            each(b) { v, out in ValueFormatter.appendDouble(v, json: json, into: &out) }
        case (.float(let b), _):
            each(b) { v, out in ValueFormatter.appendFloat(v, json: json, into: &out) }
        case (.boolean(let b), _):
            each(b) { v, out in out.append(contentsOf: v ? [116, 114, 117, 101] : [102, 97, 108, 115, 101]) }
        case (.bytes(let v), .string):
            v.offsets.withUnsafeBufferPointer { offsets in
                v.data.withUnsafeBufferPointer { data in
                    for i in 0..<n {
                        if let validity, !validity[i] {
                            bytes.append(contentsOf: nullText)
                        } else {
                            let text = UnsafeBufferPointer(rebasing: data[offsets[i]..<offsets[i + 1]])
                            if json { ValueFormatter.appendJSONString(text, into: &bytes) } else { bytes.append(contentsOf: text) }
                        }
                        ends.append(bytes.count)
                    }
                }
            }
        default:
            for i in 0..<n {
                if json {
                    ValueFormatter.appendJSON(column, row: i, into: &bytes)
                } else {
                    ValueFormatter.appendText(column, row: i, into: &bytes)
                }
                ends.append(bytes.count)
            }
        }
    }

    /// The start of cell `i`.
    @inline(__always) func start(_ i: Int) -> Int { i == 0 ? 0 : ends[i - 1] }
}
