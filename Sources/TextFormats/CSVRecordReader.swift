/// One field of a CSV record: a byte range in the reader's buffer.
struct FieldSpan: Sendable {
    /// First byte of the content (after an opening quote).
    var start: Int
    /// One past the last byte of the content (before a closing quote).
    var end: Int
    /// Whether the field was quoted.
    var quoted: Bool
    /// Whether the content holds doubled quotes that must be unescaped.
    var escaped: Bool
}

/// Splits CSV input into records (RFC 4180: quoted fields, `""` escapes, delimiters and
/// newlines inside quotes, CRLF / LF / CR line ends), pulling chunks as needed so that a
/// record may straddle chunk boundaries.
final class CSVRecordReader {
    let input: ChunkedInput
    let delimiter: UInt8
    let quote: UInt8
    let file: String?
    /// The fields of the current record; ranges index ``ChunkedInput/bytes``.
    private(set) var fields: [FieldSpan] = []
    /// The fields of the records found by ``scanBatch(width:maxRecords:)``, `width` per record.
    private(set) var batchSpans: [FieldSpan] = []
    /// The 1-based starting line of each record found by ``scanBatch(width:maxRecords:)``.
    private(set) var batchLines: [Int] = []
    /// The 1-based line where the current record starts.
    private(set) var recordLine = 0
    /// The input byte offset where the current record starts.
    private(set) var recordOffset = 0
    private var nextLine = 1
    /// The header names, used to name the column in syntax errors.
    var columnNames: [String] = []

    /// The name of 0-based field `index`, when the header has one.
    private func columnName(_ index: Int) -> String? {
        index < columnNames.count ? columnNames[index] : nil
    }
    private var special = [Bool](repeating: false, count: 256)
    private var checkedBOM = false

    init(input: ChunkedInput, delimiter: UInt8, quote: UInt8, file: String?) {
        self.input = input
        self.delimiter = delimiter
        self.quote = quote
        self.file = file
        for c in [delimiter, quote, UInt8(ascii: "\n"), UInt8(ascii: "\r")] { special[Int(c)] = true }
        fields.reserveCapacity(64)
    }

    private enum Scan {
        case record(end: Int, newlines: Int)
        case needMore
        case blank(end: Int)
    }

    /// Advances to the next non-blank record; returns `false` at the end of the input.
    func next() throws(TextFormatError) -> Bool {
        if !checkedBOM {
            checkedBOM = true
            while input.bytes.count - input.position < 3, try input.refill() {}
            let b = input.bytes
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { input.position = 3 }
        }
        while true {
            if input.position >= input.bytes.count {
                if input.atEOF { return false }
                try input.refill()
                continue
            }
            let result = try scan(atEOF: input.atEOF)
            switch result {
            case .needMore:
                if !(try input.refill()) { continue }
            case .blank(let end):
                input.position = end
                nextLine += 1
            case .record(let end, let newlines):
                recordLine = nextLine
                recordOffset = input.offset(of: input.position)
                nextLine += newlines
                input.position = end
                return true
            }
        }
    }

    /// Scans one record starting at the input position; fills ``fields``.
    private func scan(atEOF: Bool) throws(TextFormatError) -> Scan {
        var spans: [FieldSpan] = []
        swap(&spans, &fields)
        spans.removeAll(keepingCapacity: true)
        defer { swap(&spans, &fields) }
        let start = input.position
        let line = nextLine
        let baseOffset = Int(input.baseOffset)
        return try input.bytes.withUnsafeBufferPointer { (buffer) throws(TextFormatError) -> Scan in
            try special.withUnsafeBufferPointer { (special) throws(TextFormatError) -> Scan in
                try scanRecord(buffer.baseAddress!, buffer.count, from: start, atEOF: atEOF, special: special.baseAddress!,
                               spans: &spans, line: line, baseOffset: baseOffset)
            }
        }
    }

    /// Scans the record at `start` of `base[0..<n]`, appending its fields to `spans`.
    @inline(__always)
    private func scanRecord(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int, atEOF: Bool, special: UnsafePointer<Bool>,
                            spans: inout [FieldSpan], line: Int, baseOffset: Int) throws(TextFormatError) -> Scan {
        let delimiter = self.delimiter, quote = self.quote
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = start
        var newlines = 0
        let first = spans.count
        // Blank line: skipped like pyarrow does.
        if base[i] == lf { return .blank(end: i + 1) }
        if base[i] == cr {
            if i + 1 < n { return .blank(end: base[i + 1] == lf ? i + 2 : i + 1) }
            return atEOF ? .blank(end: i + 1) : .needMore
        }
        while true {
            var span: FieldSpan
            if i < n, base[i] == quote {
                i += 1
                let contentStart = i
                var escaped = false
                while true {
                    while i < n, base[i] != quote {
                        if base[i] == lf { newlines += 1 }
                        i += 1
                    }
                    if i >= n {
                        if !atEOF { return .needMore }
                        throw TextFormatError(.unterminatedQuote,
                            "quoted field \(spans.count - first + 1) is not closed before the end of the input",
                            file: file, line: line, column: columnName(spans.count - first), offset: baseOffset + contentStart - 1)
                    }
                    if i + 1 < n, base[i + 1] == quote { escaped = true; i += 2; continue }
                    if i + 1 >= n, !atEOF { return .needMore }
                    break
                }
                span = FieldSpan(start: contentStart, end: i, quoted: true, escaped: escaped)
                i += 1
                if i < n, base[i] != delimiter, base[i] != lf, base[i] != cr {
                    throw TextFormatError(.strayQuote,
                        "unexpected character after the closing quote of field \(spans.count - first + 1); quote the whole field and double inner quotes",
                        file: file, line: line + newlines, column: columnName(spans.count - first), offset: baseOffset + i)
                }
            } else {
                let fieldStart = i
                i = nextSpecial(base, n, from: i, special: special)
                if i < n, base[i] == quote {
                    throw TextFormatError(.strayQuote,
                        "a quote inside unquoted field \(spans.count - first + 1); quote the whole field and double inner quotes",
                        file: file, line: line + newlines, column: columnName(spans.count - first), offset: baseOffset + i)
                }
                span = FieldSpan(start: fieldStart, end: i, quoted: false, escaped: false)
            }
            spans.append(span)
            if i >= n {
                return atEOF ? .record(end: n, newlines: newlines + 1) : .needMore
            }
            let c = base[i]
            if c == delimiter { i += 1; continue }
            if c == lf { return .record(end: i + 1, newlines: newlines + 1) }
            // c == cr
            if i + 1 < n { return .record(end: base[i + 1] == lf ? i + 2 : i + 1, newlines: newlines + 1) }
            return atEOF ? .record(end: i + 1, newlines: newlines + 1) : .needMore
        }
    }

    /// The position of the first delimiter, quote, LF or CR at or after `start` (`n` if none):
    /// eight bytes at a time (a zero-byte test on the word XORed with each special byte), then
    /// byte by byte through the table for the last few.
    @inline(__always)
    private func nextSpecial(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int, special: UnsafePointer<Bool>) -> Int {
        var i = start
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let d = ones &* UInt64(delimiter), q = ones &* UInt64(quote), lf = ones &* 0x0A, cr = ones &* 0x0D
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let found = zeroBytes(word ^ d) | zeroBytes(word ^ q) | zeroBytes(word ^ lf) | zeroBytes(word ^ cr)
            // The lowest flagged byte is always a real match (borrows only flag bytes above one).
            if found != 0 { return i &+ found.trailingZeroBitCount / 8 }
            i &+= 8
        }
        while i < n, !special[Int(base[i])] { i += 1 }
        return i
    }

    /// Scans as many complete records as the buffer holds (at least one unless the input is
    /// exhausted, at most `maxRecords`), each of exactly `width` fields, into ``batchSpans``
    /// (`width` spans per record) and ``batchLines``. Returns the number of records; 0 at the
    /// end of the input. The spans stay valid until the next call.
    func scanBatch(width: Int, maxRecords: Int) throws(TextFormatError) -> Int {
        var spans: [FieldSpan] = []
        swap(&spans, &batchSpans)
        spans.removeAll(keepingCapacity: true)
        var lines: [Int] = []
        swap(&lines, &batchLines)
        lines.removeAll(keepingCapacity: true)
        defer {
            swap(&spans, &batchSpans)
            swap(&lines, &batchLines)
        }
        var line = nextLine
        var count = 0
        while true {
            if input.position >= input.bytes.count {
                if input.atEOF || count > 0 { break }
                try input.refill()
                continue
            }
            let atEOF = input.atEOF
            let start = input.position
            let baseOffset = Int(input.baseOffset)
            var stopped = false
            let end = try input.bytes.withUnsafeBufferPointer { (buffer) throws(TextFormatError) -> Int in
                try special.withUnsafeBufferPointer { (special) throws(TextFormatError) -> Int in
                    let base = buffer.baseAddress!, n = buffer.count, table = special.baseAddress!
                    var position = start
                    while count < maxRecords, position < n {
                        let before = spans.count
                        switch try scanRecord(base, n, from: position, atEOF: atEOF, special: table, spans: &spans, line: line, baseOffset: baseOffset) {
                        case .needMore:
                            spans.removeSubrange(before...)
                            stopped = true
                            return position
                        case .blank(let next):
                            position = next
                            line += 1
                        case .record(let next, let newlines):
                            let found = spans.count - before
                            guard found == width else {
                                throw TextFormatError(.raggedRow, "expected \(width) fields (as in the header) but found \(found)", file: file, line: line)
                            }
                            lines.append(line)
                            line += newlines
                            position = next
                            count += 1
                        }
                    }
                    return position
                }
            }
            input.position = end
            nextLine = line
            if count >= maxRecords { break }
            if stopped || input.position >= input.bytes.count {
                if count > 0 { break }
                if !(try input.refill()) && input.position >= input.bytes.count { break }
            }
        }
        return count
    }

    /// The content of `span` with doubled quotes collapsed (only for escaped spans).
    func unescaped(_ span: FieldSpan) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(span.end - span.start)
        var i = span.start
        let bytes = input.bytes
        while i < span.end {
            out.append(bytes[i])
            i += bytes[i] == quote ? 2 : 1
        }
        return out
    }

    /// A copy of the current record's fields (unescaped), for sampling.
    func copyFields() -> [CSVCell] {
        fields.map { span in
            CSVCell(bytes: span.escaped ? unescaped(span) : Array(input.bytes[span.start..<span.end]), quoted: span.quoted)
        }
    }
}

/// One CSV field copied out of the input buffer.
struct CSVCell: Sendable {
    var bytes: [UInt8]
    var quoted: Bool
}
