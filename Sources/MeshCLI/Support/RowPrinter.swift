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
struct RowPrinter {
    private enum Writer {
        case jsonl(JSONLinesWriter)
        case csv(CSVWriter)
        case table(TableWriter)
    }
    private var writer: Writer

    init(format: RowFormat, schema: Schema) {
        let output = FileOutput(FileHandle.standardOutput)
        switch format {
        case .jsonl: writer = .jsonl(JSONLinesWriter(output: output, schema: schema))
        case .csv: writer = .csv(CSVWriter(output: output, schema: schema))
        case .table: writer = .table(TableWriter(output: output, schema: schema))
        }
    }

    mutating func write(_ batch: RecordBatch) throws {
        switch writer {
        case .jsonl(var w): try w.write(batch); writer = .jsonl(w)
        case .csv(var w): try w.write(batch); writer = .csv(w)
        case .table(var w): try w.write(batch); writer = .table(w)
        }
    }

    mutating func finish() throws {
        switch writer {
        case .jsonl(var w): try w.finish()
        case .csv(var w): try w.finish()
        case .table(var w): try w.finish()
        }
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
