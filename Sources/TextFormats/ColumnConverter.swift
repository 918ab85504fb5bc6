import Columnar

/// Converts text cells (CSV fields, JSON strings) and JSON values into one column's type
/// and appends them to its builder. Errors carry the column name; the reader adds the
/// file and line.
final class ColumnConverter: Sendable {
    let field: Field
    private let nulls: NullTokens
    private let kind: Kind

    /// The column type flattened for fast dispatch (``DataType`` is indirect).
    private enum Kind {
        case boolean, int32, int64, float, double, string, binary, date, uuid, list
        case fixed(Int)
        case timestamp(TimeUnitScale)
        case decimal(precision: Int, scale: Int)
    }

    init(field: Field, nullValues: Set<String>) {
        self.field = field
        self.nulls = NullTokens(nullValues)
        switch field.type {
        case .boolean: kind = .boolean
        case .int32: kind = .int32
        case .int64: kind = .int64
        case .float: kind = .float
        case .double: kind = .double
        case .string: kind = .string
        case .binary: kind = .binary
        case .fixedBinary(let w): kind = .fixed(w)
        case .date: kind = .date
        case .timestamp(let unit, _): kind = .timestamp(TimeUnitScale(unit))
        case .decimal(let p, let s): kind = .decimal(precision: p, scale: s)
        case .uuid: kind = .uuid
        case .list: kind = .list
        }
    }

    typealias Text = UnsafeBufferPointer<UInt8>

    /// Appends one CSV field (or other text cell); `quoted` fields are not null tokens in
    /// string columns.
    @inline(__always)
    func append(text t: Text, quoted: Bool, to builder: inout ColumnBuilder) throws(TextFormatError) {
        switch kind {
        case .string:
            if !quoted && nulls.matches(t) { return try appendNull(to: &builder) }
            if let bad = ScalarParser.invalidUTF8Index(t) {
                throw TextFormatError(.invalidUTF8, "invalid UTF-8 in a \(field.type) value", column: field.name, offset: bad)
            }
            builder.append(bytes: t)
        case .binary:
            if !quoted && nulls.matches(t) { return try appendNull(to: &builder) }
            try appendScalar(t, to: &builder)
        default:
            if t.isEmpty || (!quoted && nulls.matches(t)) { return try appendNull(to: &builder) }
            try appendScalar(t, to: &builder)
        }
    }

    /// Appends one column of scanned CSV records: the span of record `r` is
    /// `spans[r * width + column]`. On failure `row` is the failing record.
    func appendColumn(_ buffer: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<FieldSpan>, width: Int, column: Int,
                      count: Int, unescape: (FieldSpan) -> [UInt8], row: inout Int,
                      to builder: inout ColumnBuilder) throws(TextFormatError) {
        let base = buffer.baseAddress!
        /// Number columns: plain values (not null, not escaped) are parsed into `run` and
        /// appended a run at a time; anything else goes through ``append(text:quoted:to:)``.
        @inline(__always)
        func runs<T>(_ zero: T, _ parse: (Text) throws(TextFormatError) -> T,
                     _ flush: (inout ColumnBuilder, UnsafeBufferPointer<T>) -> Void) throws(TextFormatError) {
            var run = [T](repeating: zero, count: Swift.min(count, 1024))
            var filled = 0
            func drain() {
                run.withUnsafeBufferPointer { flush(&builder, UnsafeBufferPointer(rebasing: $0[0..<filled])) }
                filled = 0
            }
            var index = column
            for r in 0..<count {
                let span = spans[index]
                index += width
                let t = Text(start: base + span.start, count: span.end - span.start)
                if span.escaped || t.isEmpty || (!span.quoted && nulls.matches(t)) {
                    drain()
                    row = r
                    if span.escaped {
                        let bytes = unescape(span)
                        try bytes.withUnsafeBufferPointer { (t) throws(TextFormatError) in try append(text: t, quoted: true, to: &builder) }
                    } else {
                        try appendNull(to: &builder)
                    }
                    continue
                }
                let v: T
                do throws(TextFormatError) { v = try parse(t) } catch {
                    drain()
                    row = r
                    throw error
                }
                run[filled] = v
                filled += 1
                if filled == run.count { drain() }
            }
            drain()
        }
        switch kind {
        case .int64:
            try runs(Int64(0), { (t) throws(TextFormatError) in
                guard let v = ScalarParser.int64(t) else { throw failure(t) }
                return v
            }, { $0.append(int64s: $1) })
        case .int32:
            try runs(Int32(0), { (t) throws(TextFormatError) in
                guard let v = ScalarParser.int64(t) else { throw failure(t) }
                guard let w = Int32(exactly: v) else { throw failure(t, "out of range") }
                return w
            }, { $0.append(int32s: $1) })
        case .double:
            try runs(0.0, { (t) throws(TextFormatError) in
                guard let v = ScalarParser.double(t) else { throw failure(t) }
                return v
            }, { $0.append(doubles: $1) })
        case .timestamp(let unit):
            try runs(Int64(0), { (t) throws(TextFormatError) in
                if let ts = ScalarParser.timestamp(t) {
                    guard let v = ts.count(in: unit) else { throw failure(t, "out of range") }
                    return v
                }
                guard let v = ScalarParser.int64(t) else { throw failure(t) }
                return v
            }, { $0.append(int64s: $1) })
        case .string:
            var index = column
            for r in 0..<count {
                row = r
                let span = spans[index]
                index += width
                if span.escaped {
                    let bytes = unescape(span)
                    try bytes.withUnsafeBufferPointer { (t) throws(TextFormatError) in try append(text: t, quoted: true, to: &builder) }
                    continue
                }
                let t = Text(start: base + span.start, count: span.end - span.start)
                if !span.quoted && nulls.matches(t) {
                    try appendNull(to: &builder)
                    continue
                }
                if let bad = ScalarParser.invalidUTF8Index(t) {
                    throw TextFormatError(.invalidUTF8, "invalid UTF-8 in a string value", column: field.name, offset: bad)
                }
                builder.append(bytes: t)
            }
        default:
            var index = column
            for r in 0..<count {
                row = r
                let span = spans[index]
                index += width
                if span.escaped {
                    let bytes = unescape(span)
                    try bytes.withUnsafeBufferPointer { (t) throws(TextFormatError) in try append(text: t, quoted: true, to: &builder) }
                } else {
                    try append(text: Text(start: base + span.start, count: span.end - span.start), quoted: span.quoted, to: &builder)
                }
            }
        }
    }

    /// Appends a non-null text value parsed according to the column type.
    @inline(__always)
    func appendScalar(_ t: Text, to builder: inout ColumnBuilder) throws(TextFormatError) {
        switch kind {
        case .int64:
            guard let v = ScalarParser.int64(t) else { throw failure(t) }
            builder.append(int64: v)
        case .double:
            guard let v = ScalarParser.double(t) else { throw failure(t) }
            builder.append(double: v)
        case .timestamp(let unit):
            if let ts = ScalarParser.timestamp(t) {
                guard let v = ts.count(in: unit) else { throw failure(t, "out of range") }
                builder.append(int64: v)
            } else if let v = ScalarParser.int64(t) {
                builder.append(int64: v)
            } else {
                throw failure(t)
            }
        case .int32:
            guard let v = ScalarParser.int64(t) else { throw failure(t) }
            guard let w = Int32(exactly: v) else { throw failure(t, "out of range") }
            builder.append(int32: w)
        case .string:
            if let bad = ScalarParser.invalidUTF8Index(t) {
                throw TextFormatError(.invalidUTF8, "invalid UTF-8 in a string value", column: field.name, offset: bad)
            }
            builder.append(bytes: t)
        case .boolean:
            guard let v = ScalarParser.boolean(t) else { throw failure(t) }
            builder.append(boolean: v)
        case .float:
            guard let v = ScalarParser.double(t) else { throw failure(t) }
            builder.append(float: Float(v))
        case .date:
            guard let v = ScalarParser.date(t) else { throw failure(t) }
            builder.append(int32: v)
        case .decimal(let precision, let scale):
            guard let v = ScalarParser.decimal(t, precision: precision, scale: scale) else { throw failure(t) }
            builder.append(decimal: v)
        case .uuid:
            guard let v = ScalarParser.uuid(t) else { throw failure(t) }
            builder.append(bytes: v)
        case .binary:
            guard let v = ScalarParser.base64(t) else { throw failure(t) }
            builder.append(bytes: v)
        case .fixed(let width):
            guard let v = ScalarParser.base64(t) else { throw failure(t) }
            guard v.count == width else { throw failure(t, "decodes to \(v.count) bytes") }
            builder.append(bytes: v)
        case .list:
            guard case .list(let element) = field.type else { return }
            var parser = JSONParser(t)
            let node: JSONNode
            do { node = try parser.parseDocument() } catch {
                throw failure(t, "not a JSON array")
            }
            guard case .array(let items) = node else { throw failure(t, "not a JSON array") }
            let values = try parser.arena.withUnsafeBufferPointer { (a) throws(TextFormatError) in
                try listValues(items, element: element, arena: a)
            }
            do { try builder.append(list: values) } catch {
                throw TextFormatError(.conversion, error.message, column: field.name)
            }
        }
    }

    /// Appends a null, or fails when the column is required.
    func appendNull(to builder: inout ColumnBuilder) throws(TextFormatError) {
        guard field.nullable else {
            throw TextFormatError(.missingValue, "required column '\(field.name)' has no value", column: field.name)
        }
        try? builder.appendNull()
    }

    /// Appends a JSON value whose texts live in `arena`.
    func append(json node: JSONNode, arena a: UnsafeBufferPointer<UInt8>, to builder: inout ColumnBuilder) throws(TextFormatError) {
        do {
            switch node {
            case .null:
                try appendNull(to: &builder)
            case .bool(let b):
                switch field.type {
                case .boolean: builder.append(boolean: b)
                case .string: builder.append(string: b ? "true" : "false")
                default: throw failure(text: b ? "true" : "false")
                }
            case .number(let r, let integer):
                let t = Text(rebasing: a[r])
                switch field.type {
                case .string: builder.append(bytes: t)
                case .boolean, .date, .uuid, .binary, .fixedBinary, .list: throw failure(t)
                case .timestamp:
                    guard integer, let v = ScalarParser.int64(t) else { throw failure(t) }
                    builder.append(int64: v)
                default: try appendScalar(t, to: &builder)
                }
            case .string(let r):
                let t = Text(rebasing: a[r])
                if case .list = field.type { throw failure(t, "a string, not a JSON array") }
                switch field.type {
                case .string, .binary: break
                default: if t.isEmpty { return try appendNull(to: &builder) }
                }
                try appendScalar(t, to: &builder)
            case .array(let items):
                switch field.type {
                case .list(let element):
                    let values = try listValues(items, element: element, arena: a)
                    do { try builder.append(list: values) } catch {
                        throw TextFormatError(.conversion, error.message, column: field.name)
                    }
                case .string:
                    var out: [UInt8] = []
                    JSONNodeWriter.write(node, arena: a, into: &out)
                    builder.append(bytes: out)
                default:
                    throw failure(text: "[…]", "an array")
                }
            case .object(let r):
                guard case .string = field.type else {
                    throw TextFormatError(.conversion,
                        "a nested object cannot be read as \(field.type); declare the column as string to keep it as JSON text",
                        column: field.name)
                }
                builder.append(bytes: Text(rebasing: a[r]))
            }
        }
    }

    /// Converts JSON array items to list element values.
    private func listValues(_ items: [JSONNode], element: Field, arena: UnsafeBufferPointer<UInt8>) throws(TextFormatError) -> [Value] {
        let inner = ColumnConverter(field: Field(field.name + "[]", element.type, nullable: element.nullable), nullValues: [])
        var scratch = ColumnBuilder(element.type, nullable: element.nullable, name: inner.field.name)
        for item in items { try inner.append(json: item, arena: arena, to: &scratch) }
        return scratch.finish().allValues
    }

    private func failure(_ t: Text, _ reason: String? = nil) -> TextFormatError {
        failure(text: String(decoding: t, as: UTF8.self), reason)
    }

    private func failure(text: String, _ reason: String? = nil) -> TextFormatError {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        var message = "cannot read \"\(shown)\" as \(field.type)"
        if let reason { message += " (\(reason))" }
        if let hint = Self.hint(for: field.type) { message += "; expected \(hint)" }
        return TextFormatError(.conversion, message, column: field.name)
    }

    static func hint(for type: DataType) -> String? {
        switch type {
        case .boolean: "true/false"
        case .int32: "an integer between -2147483648 and 2147483647"
        case .int64: "an integer"
        case .float, .double: "a decimal number"
        case .date: "YYYY-MM-DD"
        case .timestamp(let unit, _): "ISO-8601 like 2026-01-02T03:04:05Z or an integer count of \(unit.rawValue) since 1970"
        case .decimal(let p, let s): "a number with at most \(p) digits, \(s) after the point"
        case .uuid: "a UUID like 123e4567-e89b-12d3-a456-426614174000"
        case .binary: "base64 text"
        case .fixedBinary(let w): "base64 text of \(w) bytes"
        case .list: "a JSON array"
        case .string: nil
        }
    }
}

/// The null tokens of CSV input, matched against raw bytes.
struct NullTokens: Sendable {
    private let tokens: [[UInt8]]
    private let maximumLength: Int
    private let matchesEmpty: Bool

    init(_ values: Set<String>) {
        tokens = values.filter { !$0.isEmpty }.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        maximumLength = tokens.map(\.count).max() ?? 0
        matchesEmpty = values.contains("")
    }

    @inline(__always)
    func matches(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.isEmpty { return matchesEmpty }
        if t.count > maximumLength { return false }
        for token in tokens where token.count == t.count && token.elementsEqual(t) { return true }
        return false
    }
}
