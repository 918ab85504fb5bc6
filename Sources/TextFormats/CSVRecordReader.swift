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
    /// The 1-based line where the current record starts.
    private(set) var recordLine = 0
    /// The input byte offset where the current record starts.
    private(set) var recordOffset = 0
    private var nextLine = 1
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
        fields.removeAll(keepingCapacity: true)
        let start = input.position
        let delimiter = self.delimiter, quote = self.quote
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        return try input.bytes.withUnsafeBufferPointer { (buffer) throws(TextFormatError) -> Scan in
            try special.withUnsafeBufferPointer { (special) throws(TextFormatError) -> Scan in
                let base = buffer.baseAddress!
                let n = buffer.count
                var i = start
                var newlines = 0
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
                                    "quoted field \(fields.count + 1) is not closed before the end of the input",
                                    file: file, line: nextLine, offset: input.offset(of: contentStart - 1))
                            }
                            if i + 1 < n, base[i + 1] == quote { escaped = true; i += 2; continue }
                            if i + 1 >= n, !atEOF { return .needMore }
                            break
                        }
                        span = FieldSpan(start: contentStart, end: i, quoted: true, escaped: escaped)
                        i += 1
                        if i < n, base[i] != delimiter, base[i] != lf, base[i] != cr {
                            throw TextFormatError(.strayQuote,
                                "unexpected character after the closing quote of field \(fields.count + 1); quote the whole field and double inner quotes",
                                file: file, line: nextLine + newlines, offset: input.offset(of: i))
                        }
                    } else {
                        let fieldStart = i
                        while i < n, !special[Int(base[i])] { i += 1 }
                        if i < n, base[i] == quote {
                            throw TextFormatError(.strayQuote,
                                "a quote inside unquoted field \(fields.count + 1); quote the whole field and double inner quotes",
                                file: file, line: nextLine + newlines, offset: input.offset(of: i))
                        }
                        span = FieldSpan(start: fieldStart, end: i, quoted: false, escaped: false)
                    }
                    fields.append(span)
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
        }
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
