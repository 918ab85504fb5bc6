import ArgumentParser
import Columnar
import Foundation
import Parquet
import TextFormats

/// The row output formats of the commands that print data.
enum RowFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, csv, table
}

/// Prints batches to standard output in one of the mesh's row formats.
///
/// The writers are held in optionals and mutated in place, so their output buffers are never
/// copied between batches.
struct RowPrinter {
    private var jsonl: JSONLinesWriter?
    private var csv: CSVWriter?
    private var table: TableWriter?

    /// Prints to `output` (standard output by default).
    init(format: RowFormat, schema: Schema, output: FileOutput = FileOutput(FileHandle.standardOutput)) {
        switch format {
        case .jsonl: jsonl = JSONLinesWriter(output: output, schema: schema)
        case .csv: csv = CSVWriter(output: output, schema: schema)
        case .table: table = TableWriter(output: output, schema: schema)
        }
    }

    mutating func write(_ batch: RecordBatch) throws {
        try jsonl?.write(batch)
        try csv?.write(batch)
        try table?.write(batch)
    }

    mutating func finish() throws {
        try jsonl?.finish()
        try csv?.finish()
        try table?.finish()
    }
}

extension ParquetFileReader {
    /// The schema of the named columns in the order given (all columns when nil).
    func projectedSchema(_ names: [String]?) throws -> Schema {
        guard let names else { return schema }
        return Schema(try names.map { name in
            guard let f = schema.field(named: name) else {
                throw ParquetError(.unknownColumn, "unknown column '\(name)' (have: \(schema.names.joined(separator: ", ")))")
            }
            return f
        })
    }
}
