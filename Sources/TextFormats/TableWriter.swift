import Columnar
import Foundation

/// Writes batches as an aligned plain-text table for terminals:
///
/// ```
/// id | name  | amount
/// ---+-------+-------
///  1 | alice |  12.30
///  2 | null  |   7.00
/// (2 rows)
/// ```
///
/// Column widths are fixed by the header and the first batch (cells longer than
/// `maxCellWidth` characters, default 40, are cut with `…`; cells of later batches are cut to
/// the fixed width). Numbers are right-aligned, other values left-aligned; nulls show as
/// `null`; control characters show as `\n`, `\t`… so rows stay on one line.
public struct TableWriter {
    /// The schema of the batches written.
    public let schema: Schema
    private var out: BufferedOutput
    private let maxCellWidth: Int
    private var widths: [Int]? = nil
    private var rows = 0
    private let rightAligned: [Bool]

    /// Writes to `output`.
    public init(output: any TextOutput, schema: Schema, maxCellWidth: Int = 40, bufferSize: Int = 1 << 16) {
        self.schema = schema
        self.out = BufferedOutput(output, capacity: bufferSize)
        self.maxCellWidth = max(2, maxCellWidth)
        rightAligned = schema.fields.map { field in
            switch field.type {
            case .int32, .int64, .float, .double, .decimal: true
            default: false
            }
        }
    }

    /// Writes to an open file handle (e.g. `FileHandle.standardOutput`).
    public init(fileHandle: FileHandle, schema: Schema, maxCellWidth: Int = 40) {
        self.init(output: FileOutput(fileHandle), schema: schema, maxCellWidth: maxCellWidth)
    }

    /// The display text of one cell.
    static func cellText(_ column: Column, row: Int) -> String {
        guard let text = ValueFormatter.text(column, row: row) else { return "null" }
        guard text.utf8.contains(where: { $0 < 0x20 }) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case _ where scalar.value < 0x20: shown += String(format: "\\x%02x", scalar.value)
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private func fit(_ text: String, _ width: Int) -> String {
        text.count > width ? String(text.prefix(width - 1)) + "…" : text
    }

    private mutating func line(_ cells: [String], widths: [Int], alignRight: [Bool]) {
        var s = ""
        for (k, cell) in cells.enumerated() {
            if k > 0 { s += " | " }
            let text = fit(cell, widths[k])
            let pad = String(repeating: " ", count: widths[k] - text.count)
            if alignRight[k] { s += pad + text } else { s += text + (k == cells.count - 1 ? "" : pad) }
        }
        out.buffer.append(contentsOf: s.utf8)
        out.buffer.append(UInt8(ascii: "\n"))
    }

    private mutating func header(sample: [[String]]) {
        var w = schema.fields.map { min(maxCellWidth, max(1, $0.name.count)) }
        for row in sample { for (k, cell) in row.enumerated() { w[k] = max(w[k], min(maxCellWidth, cell.count)) } }
        widths = w
        line(schema.names, widths: w, alignRight: [Bool](repeating: false, count: w.count))
        out.buffer.append(contentsOf: w.map { String(repeating: "-", count: $0) }.joined(separator: "-+-").utf8)
        out.buffer.append(UInt8(ascii: "\n"))
    }

    /// Writes every row of `batch`.
    public mutating func write(_ batch: RecordBatch) throws(TextFormatError) {
        try checkSchema(batch.schema, schema)
        let cells = (0..<batch.count).map { row in batch.columns.map { Self.cellText($0, row: row) } }
        if widths == nil { header(sample: cells) }
        for row in cells {
            line(row, widths: widths!, alignRight: rightAligned)
            try out.flushIfFull()
        }
        rows += batch.count
    }

    /// Writes the header if nothing was written and a `(N rows)` footer, then flushes.
    public mutating func finish() throws(TextFormatError) {
        if widths == nil { header(sample: []) }
        out.buffer.append(contentsOf: "(\(rows) row\(rows == 1 ? "" : "s"))\n".utf8)
        try out.flush()
    }
}
