import Columnar

/// Turns CSV records into batches: header handling, inference sampling and coercion.
final class CSVEngine: RowEngine {
    let input: ChunkedInput
    let schema: Schema
    let inputIsEmpty: Bool
    private var records: CSVRecordReader
    private let file: String?
    private let options: TextReadOptions
    private let mapping: ColumnMapping
    private let converters: [ColumnConverter]
    /// The number of fields each record must have.
    private let width: Int
    /// Records read ahead (header-less first record, inference sample), replayed first.
    private var pending: [(cells: [CSVCell], line: Int)] = []
    private var pendingIndex = 0

    init(input: ChunkedInput, file: String?, schema given: Schema?, options: TextReadOptions) throws(TextFormatError) {
        self.input = input
        self.file = file
        self.options = options
        let csv = options.csv
        records = CSVRecordReader(input: input, delimiter: csv.delimiter, quote: csv.quote, file: file)

        var names: [String] = []
        var empty = false
        if try records.next() {
            if csv.hasHeader {
                names = try Self.header(records, file: file)
            } else {
                pending.append((records.copyFields(), records.recordLine))
                if let given {
                    guard given.fields.count == records.fields.count else {
                        throw TextFormatError(.raggedRow,
                            "the input has \(records.fields.count) fields per record but the schema has \(given.fields.count) columns (no header: columns are matched by position)",
                            file: file, line: records.recordLine)
                    }
                    names = given.names
                } else {
                    names = (0..<records.fields.count).map { "f\($0)" }
                }
            }
        } else {
            empty = true
        }
        inputIsEmpty = empty
        width = names.count
        if csv.hasHeader { records.columnNames = names }

        let resolved: Schema
        if let given {
            resolved = given
        } else if empty {
            resolved = Schema([])
        } else {
            resolved = try Self.infer(names: names, records: &records, pending: &pending, input: input, file: file, options: options)
        }
        schema = resolved
        if empty {
            mapping = try ColumnMapping(names: resolved.names, schema: resolved, ignoreExtra: true, file: file, what: "column")
        } else {
            mapping = try ColumnMapping(names: names, schema: resolved, ignoreExtra: options.ignoreExtraColumns, file: file, what: "column")
        }
        converters = resolved.fields.map { ColumnConverter(field: $0, nullValues: csv.nullValues) }
    }

    /// Reads and validates the header record.
    private static func header(_ records: CSVRecordReader, file: String?) throws(TextFormatError) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for (k, cell) in records.copyFields().enumerated() {
            let bad = cell.bytes.withUnsafeBufferPointer { ScalarParser.invalidUTF8Index($0) }
            if let bad {
                throw TextFormatError(.invalidUTF8, "invalid UTF-8 in header column \(k + 1)", file: file, line: records.recordLine,
                                      offset: records.recordOffset + bad)
            }
            let name = String(decoding: cell.bytes, as: UTF8.self)
            guard !name.isEmpty else {
                throw TextFormatError(.badHeader, "header column \(k + 1) has an empty name", file: file, line: records.recordLine)
            }
            guard seen.insert(name).inserted else {
                throw TextFormatError(.badHeader, "header has the column name '\(name)' twice (columns \(names.firstIndex(of: name)! + 1) and \(k + 1))",
                                      file: file, line: records.recordLine, column: name)
            }
            names.append(name)
        }
        return names
    }

    /// Samples (or fully scans) records to infer column types.
    private static func infer(names: [String], records: inout CSVRecordReader, pending: inout [(cells: [CSVCell], line: Int)],
                              input: ChunkedInput, file: String?, options: TextReadOptions) throws(TextFormatError) -> Schema {
        var trackers = [TypeTracker](repeating: TypeTracker(), count: names.count)
        let nulls = NullTokens(options.csv.nullValues)
        func observe(_ cells: [CSVCell], line: Int) throws(TextFormatError) {
            guard cells.count == names.count else { throw ragged(cells.count, names.count, file: file, line: line) }
            for (k, cell) in cells.enumerated() {
                cell.bytes.withUnsafeBufferPointer { t in
                    if t.isEmpty || (!cell.quoted && nulls.matches(t)) { return }
                    trackers[k].observe(text: t)
                }
            }
        }
        for row in pending { try observe(row.cells, line: row.line) }
        switch options.inference {
        case .sample(let limit):
            while pending.count < limit, try records.next() {
                let cells = records.copyFields()
                try observe(cells, line: records.recordLine)
                pending.append((cells, records.recordLine))
            }
        case .fullScan:
            while try records.next() {
                try observe(records.copyFields(), line: records.recordLine)
            }
            try input.rewind()
            records = CSVRecordReader(input: input, delimiter: options.csv.delimiter, quote: options.csv.quote, file: file)
            records.columnNames = names
            pending = []
            if options.csv.hasHeader { _ = try records.next() }
        }
        return Schema(zip(names, trackers).map { Field($0, $1.type, nullable: true) })
    }

    static func ragged(_ found: Int, _ expected: Int, file: String?, line: Int) -> TextFormatError {
        TextFormatError(.raggedRow, "expected \(expected) fields (as in the header) but found \(found)", file: file, line: line)
    }

    func nextBatch(maxRows: Int) throws(TextFormatError) -> RecordBatch? {
        var builders = schema.fields.map { ColumnBuilder($0) }
        var rows = 0
        let estimate = min(maxRows, 65_536)
        for k in builders.indices { builders[k].reserveCapacity(estimate) }
        while rows < maxRows, pendingIndex < pending.count {
            let row = pending[pendingIndex]
            pendingIndex += 1
            try appendPending(row.cells, line: row.line, to: &builders)
            rows += 1
        }
        if pendingIndex == pending.count && !pending.isEmpty { pending = []; pendingIndex = 0 }
        while rows < maxRows {
            let scanned = try records.scanBatch(width: width, maxRecords: maxRows - rows)
            if scanned == 0 { break }
            try appendScanned(scanned, to: &builders)
            rows += scanned
        }
        if rows == 0 { return nil }
        let columns = builders.indices.map { builders[$0].finish() }
        return RecordBatch(unchecked: schema, columns: columns, count: rows)
    }

    private func appendPending(_ cells: [CSVCell], line: Int, to builders: inout [ColumnBuilder]) throws(TextFormatError) {
        guard cells.count == width else { throw Self.ragged(cells.count, width, file: file, line: line) }
        do {
            for (k, cell) in cells.enumerated() {
                let target = mapping.targets[k]
                if target < 0 { continue }
                try cell.bytes.withUnsafeBufferPointer { (t) throws(TextFormatError) in
                    try converters[target].append(text: t, quoted: cell.quoted, to: &builders[target])
                }
            }
            for target in mapping.absent { try converters[target].appendNull(to: &builders[target]) }
        } catch {
            throw error.with(file: file, line: line)
        }
    }

    /// Appends the records found by the last ``CSVRecordReader/scanBatch(width:maxRecords:)``,
    /// column by column: a large batch's columns convert concurrently (each into its own
    /// builder). The error reported is the sequential one: the first failing column's, at its
    /// first failing row.
    private func appendScanned(_ count: Int, to builders: inout [ColumnBuilder]) throws(TextFormatError) {
        let (width, mapping, converters, records) = (self.width, self.mapping, self.converters, self.records)
        let columns = (0..<width).filter { mapping.targets[$0] >= 0 }
        var failures = [(row: Int, error: TextFormatError)?](repeating: nil, count: width)
        input.bytes.withUnsafeBufferPointer { buffer in
            records.batchSpans.withUnsafeBufferPointer { spans in
                builders.withUnsafeMutableBufferPointer { out in
                    failures.withUnsafeMutableBufferPointer { failed in
                        ConcurrentLoop.forEach(columns.count, concurrently: count >= Self.concurrentConversionRows) { i in
                            let k = columns[i], target = mapping.targets[k]
                            var row = 0
                            do throws(TextFormatError) {
                                try converters[target].appendColumn(buffer, spans: spans, width: width, column: k, count: count,
                                                                    unescape: records.unescaped, row: &row, to: &out[target])
                            } catch {
                                failed[k] = (row, error)
                            }
                        }
                    }
                }
            }
        }
        if let k = failures.firstIndex(where: { $0 != nil }), let (row, error) = failures[k] {
            var e = error
            let span = records.batchSpans[row * width + k]
            if let offset = e.offset, e.kind == .invalidUTF8 { e.offset = input.offset(of: span.start) + offset }
            throw e.with(file: file, line: records.batchLines[row])
        }
        do {
            for target in mapping.absent {
                for _ in 0..<count { try converters[target].appendNull(to: &builders[target]) }
            }
        } catch {
            throw error.with(file: file, line: records.batchLines[0])
        }
    }

    /// Batches of at least this many rows convert their columns concurrently.
    static let concurrentConversionRows = 4096
}
