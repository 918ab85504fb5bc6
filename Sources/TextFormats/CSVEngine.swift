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
                if let given, given.fields.count == records.fields.count {
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
        while rows < maxRows, try records.next() {
            try appendCurrent(to: &builders)
            rows += 1
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

    private func appendCurrent(to builders: inout [ColumnBuilder]) throws(TextFormatError) {
        let count = records.fields.count
        guard count == width else { throw Self.ragged(count, width, file: file, line: records.recordLine) }
        var spanStart = 0
        do {
            try records.fields.withUnsafeBufferPointer { (spans) throws(TextFormatError) in
                try input.bytes.withUnsafeBufferPointer { (buffer) throws(TextFormatError) in
                    try mapping.targets.withUnsafeBufferPointer { (targets) throws(TextFormatError) in
                        for k in 0..<count {
                            let target = targets[k]
                            if target < 0 { continue }
                            let span = spans[k]
                            spanStart = span.start
                            if span.escaped {
                                let bytes = records.unescaped(span)
                                try bytes.withUnsafeBufferPointer { (t) throws(TextFormatError) in
                                    try converters[target].append(text: t, quoted: true, to: &builders[target])
                                }
                            } else {
                                try converters[target].append(text: UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]),
                                                              quoted: span.quoted, to: &builders[target])
                            }
                        }
                    }
                }
            }
            for target in mapping.absent { try converters[target].appendNull(to: &builders[target]) }
        } catch {
            var e = error
            if let offset = e.offset, e.kind == .invalidUTF8 { e.offset = input.offset(of: spanStart) + offset }
            throw e.with(file: file, line: records.recordLine)
        }
    }
}
