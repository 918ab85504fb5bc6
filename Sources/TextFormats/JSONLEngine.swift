import Columnar

/// Turns JSON Lines into batches: line splitting, inference sampling, key matching, coercion.
final class JSONLEngine: RowEngine {
    let input: ChunkedInput
    let schema: Schema
    let inputIsEmpty: Bool
    private let file: String?
    private let options: TextReadOptions
    private let converters: [ColumnConverter]
    private let fieldKeys: [[UInt8]]
    private let keyIndex: [[UInt8]: Int]
    private let ignoreUnknown: Bool
    /// Lines read ahead for inference, replayed first.
    private var pending: [(bytes: [UInt8], line: Int)] = []
    private var pendingIndex = 0
    private var nextLine = 1
    /// The current line: a range of ``ChunkedInput/bytes`` and its 1-based number.
    private var current: Range<Int> = 0..<0
    private var currentLine = 0
    private var seen: [Bool]

    init(input: ChunkedInput, file: String?, schema given: Schema?, options: TextReadOptions) throws(TextFormatError) {
        self.input = input
        self.file = file
        self.options = options
        ignoreUnknown = options.jsonl.ignoreUnknownKeys || options.ignoreExtraColumns
        var resolved = given ?? Schema([])
        var sawLine = false
        var lineCounter = 1
        var range = 0..<0
        var rangeLine = 0
        var samples: [(bytes: [UInt8], line: Int)] = []
        if given == nil {
            // Inference: sample (or scan) lines, tracking keys in order of first appearance.
            var names: [String] = []
            var trackers: [TypeTracker] = []
            var positions: [[UInt8]: Int] = [:]
            let limit: Int
            switch options.inference {
            case .sample(let rows): limit = rows
            case .fullScan: limit = Int.max
            }
            var count = 0
            while count < limit, try Self.nextLine(input, &lineCounter, &range, &rangeLine) {
                sawLine = true
                count += 1
                let bytes = Array(input.bytes[range])
                let line = rangeLine
                let offset = input.offset(of: range.lowerBound)
                try bytes.withUnsafeBufferPointer { (t) throws(TextFormatError) in
                    try Self.parse(t, file: file, line: line, offset: offset) { (key, node, arena) throws(TextFormatError) in
                        let k: Int
                        let keyBytes = Array(key)
                        if let existing = positions[keyBytes] { k = existing } else {
                            k = names.count
                            positions[keyBytes] = k
                            names.append(String(decoding: key, as: UTF8.self))
                            trackers.append(TypeTracker())
                        }
                        trackers[k].observe(json: node, arena: arena)
                    }
                }
                if case .sample = options.inference { samples.append((bytes, line)) }
            }
            if case .fullScan = options.inference {
                try input.rewind()
                lineCounter = 1
            }
            resolved = Schema(zip(names, trackers).map { Field($0, $1.type, nullable: true) })
        } else {
            sawLine = try Self.peekNonBlank(input)
        }
        inputIsEmpty = !sawLine
        pending = samples
        nextLine = lineCounter
        schema = resolved
        converters = resolved.fields.map { ColumnConverter(field: $0, nullValues: []) }
        fieldKeys = resolved.fields.map { Array($0.name.utf8) }
        var index: [[UInt8]: Int] = [:]
        for (k, key) in fieldKeys.enumerated() { index[key] = k }
        keyIndex = index
        seen = [Bool](repeating: false, count: resolved.fields.count)
    }

    /// Whether any non-blank byte remains (without consuming it).
    private static func peekNonBlank(_ input: ChunkedInput) throws(TextFormatError) -> Bool {
        var i = input.position
        while true {
            while i < input.bytes.count {
                let c = input.bytes[i]
                if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { return true }
                i += 1
            }
            let consumed = i - input.position
            if !(try input.refill()) { return false }
            i = input.position + consumed
        }
    }

    /// Advances to the next non-blank line; `range` indexes ``ChunkedInput/bytes`` (CR stripped).
    private static func nextLine(_ input: ChunkedInput, _ lineNumber: inout Int, _ range: inout Range<Int>, _ current: inout Int) throws(TextFormatError) -> Bool {
        var searchFrom = input.position
        while true {
            let found: Int? = input.bytes.withUnsafeBufferPointer { b in
                var i = searchFrom
                let n = b.count
                while i < n, b[i] != 0x0A { i += 1 }
                return i < n ? i : nil
            }
            var end: Int
            var next: Int
            if let found {
                end = found
                next = found + 1
            } else if input.atEOF {
                if input.position >= input.bytes.count { return false }
                end = input.bytes.count
                next = end
            } else {
                let scanned = input.bytes.count - input.position
                try input.refill()
                searchFrom = input.position + scanned
                continue
            }
            let start = input.position
            if end > start, input.bytes[end - 1] == 0x0D { end -= 1 }
            input.position = next
            current = lineNumber
            lineNumber += 1
            var blank = true
            for k in start..<end where input.bytes[k] != 0x20 && input.bytes[k] != 0x09 { blank = false; break }
            if blank { searchFrom = input.position; continue }
            range = start..<end
            return true
        }
    }

    /// Validates UTF-8 and parses one line as an object, calling `member` for each member.
    private static func parse(_ t: UnsafeBufferPointer<UInt8>, file: String?, line: Int, offset: Int,
                              _ member: (UnsafeBufferPointer<UInt8>, JSONNode, UnsafeBufferPointer<UInt8>) throws(TextFormatError) -> Void) throws(TextFormatError) {
        if let bad = ScalarParser.invalidUTF8Index(t) {
            throw TextFormatError(.invalidUTF8, "invalid UTF-8 at column \(characterColumn(t, bad))", file: file, line: line, offset: offset + bad)
        }
        var parser = JSONParser(t)
        do {
            try parser.parseObject { (key, node, arena) throws(TextFormatError) in
                try member(UnsafeBufferPointer(rebasing: arena[key]), node, arena)
            }
        } catch let error as TextFormatError {
            throw error.with(file: file, line: line)
        } catch let error as JSONSyntaxError {
            throw TextFormatError(.malformedJSON, "malformed JSON at column \(characterColumn(t, error.index)): \(error.message)",
                                  file: file, line: line, offset: offset + error.index)
        } catch {
            throw TextFormatError(.malformedJSON, "malformed JSON: \(error)", file: file, line: line)
        }
    }

    /// The 1-based character column of byte `index` in `t`.
    private static func characterColumn(_ t: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        var column = 1
        for k in 0..<min(index, t.count) where t[k] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    func nextBatch(maxRows: Int) throws(TextFormatError) -> RecordBatch? {
        var builders = schema.fields.map { ColumnBuilder($0) }
        var rows = 0
        while rows < maxRows, pendingIndex < pending.count {
            let row = pending[pendingIndex]
            pendingIndex += 1
            try row.bytes.withUnsafeBufferPointer { (t) throws(TextFormatError) in
                try appendRow(t, line: row.line, offset: nil, to: &builders)
            }
            rows += 1
        }
        if pendingIndex == pending.count && !pending.isEmpty { pending = []; pendingIndex = 0 }
        while rows < maxRows, try Self.nextLine(input, &nextLine, &current, &currentLine) {
            let range = current
            try input.bytes.withUnsafeBufferPointer { (b) throws(TextFormatError) in
                try appendRow(UnsafeBufferPointer(rebasing: b[range]), line: currentLine, offset: input.offset(of: range.lowerBound), to: &builders)
            }
            rows += 1
        }
        if rows == 0 { return nil }
        let columns = builders.indices.map { builders[$0].finish() }
        return RecordBatch(unchecked: schema, columns: columns, count: rows)
    }

    private func appendRow(_ t: UnsafeBufferPointer<UInt8>, line: Int, offset: Int?, to builders: inout [ColumnBuilder]) throws(TextFormatError) {
        for k in seen.indices { seen[k] = false }
        var position = 0
        try Self.parse(t, file: file, line: line, offset: offset ?? 0) { (key, node, arena) throws(TextFormatError) in
            let k: Int
            if position < fieldKeys.count, fieldKeys[position].elementsEqual(key) {
                k = position
            } else if let found = keyIndex[Array(key)] {
                k = found
            } else {
                position += 1
                if ignoreUnknown { return }
                throw TextFormatError(.unknownColumn,
                    "unknown key '\(String(decoding: key, as: UTF8.self))' (schema columns: \(schema.names.joined(separator: ", "))); remove it or ignore unknown keys",
                    column: String(decoding: key, as: UTF8.self))
            }
            position += 1
            guard !seen[k] else {
                throw TextFormatError(.malformedJSON, "key '\(schema.fields[k].name)' appears twice in the object", column: schema.fields[k].name)
            }
            seen[k] = true
            try converters[k].append(json: node, arena: arena, to: &builders[k])
        }
        do {
            for k in seen.indices where !seen[k] { try converters[k].appendNull(to: &builders[k]) }
        } catch {
            throw error.with(file: file, line: line)
        }
    }
}
