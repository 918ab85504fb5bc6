import Columnar
import Foundation

/// Parses schemas written as text, for command-line flags and schema files.
///
/// Compact form: `name:type` pairs separated by commas, `!` after the type marks a required
/// (non-null) column:
///
/// ```
/// id:int64!, name:string, amount:decimal(10,2), ts:timestamp[us,utc], tags:list<string>
/// ```
///
/// Types: `boolean`/`bool`; `int32`/`int`/`integer`; `int64`/`long`/`bigint`;
/// `float`/`float32`/`real`; `double`/`float64`; `string`/`str`/`text`/`utf8`;
/// `binary`/`bytes`; `fixed[N]`; `date`; `timestamp` (microseconds, naive),
/// `timestamp[ms|us|ns]`, `timestamp[us, utc]`, `timestamptz` (microseconds, UTC);
/// `decimal(p,s)`/`decimal(p)`; `uuid`; `list<type>` (`list<type!>` for required elements).
/// The names printed by `DataType.description` (e.g. `timestamp[us, UTC]`) are accepted too.
/// Names may be quoted with `"` or backticks when they contain `:`, `,` or spaces.
///
/// JSON form: `{"fields": [{"name": "id", "type": "int64", "nullable": false}, …]}` with the
/// same type names.
public enum SchemaSpec {
    /// Parses the compact form, or the JSON form when the text starts with `{`.
    public static func parse(_ text: String) throws(TextFormatError) -> Schema {
        if text.drop(while: \.isWhitespace).first == "{" { return try parseJSON(text) }
        var parser = SpecParser(text)
        return try parser.schema()
    }

    /// Parses the schema file at `path` (either form).
    public static func parse(fileAt path: String) throws(TextFormatError) -> Schema {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TextFormatError(.io, "cannot read schema file '\(path)'", file: path)
        }
        do { return try parse(String(decoding: data, as: UTF8.self)) } catch {
            throw error.with(file: path)
        }
    }

    /// Parses one type name, e.g. `decimal(10,2)` or `list<string>`.
    public static func parseType(_ text: String) throws(TextFormatError) -> DataType {
        var parser = SpecParser(text)
        let (type, _) = try parser.type()
        try parser.end()
        return type
    }

    /// The compact form of `schema` (readable back by ``parse(_:)``).
    public static func format(_ schema: Schema) -> String {
        schema.fields.map { field in
            let plain = field.name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" }
            let name = plain && !field.name.isEmpty ? field.name : "`\(field.name)`"
            return "\(name):\(typeName(field.type))\(field.nullable ? "" : "!")"
        }.joined(separator: ", ")
    }

    /// The compact type name (as accepted by ``parseType(_:)``).
    public static func typeName(_ type: DataType) -> String {
        switch type {
        case .timestamp(let unit, let utc):
            "timestamp[\(unit == .milliseconds ? "ms" : unit == .microseconds ? "us" : "ns")\(utc ? ",utc" : "")]"
        case .list(let element): "list<\(typeName(element.type))\(element.nullable ? "" : "!")>"
        default: type.description
        }
    }

    private static func parseJSON(_ text: String) throws(TextFormatError) -> Schema {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: Data(text.utf8)) } catch {
            throw TextFormatError(.invalidSchema, "schema JSON is malformed: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], let fields = root["fields"] as? [Any] else {
            throw TextFormatError(.invalidSchema, "schema JSON must be an object with a \"fields\" array")
        }
        var result: [Field] = []
        for (k, entry) in fields.enumerated() {
            guard let f = entry as? [String: Any], let name = f["name"] as? String, let typeText = f["type"] as? String else {
                throw TextFormatError(.invalidSchema, "schema JSON field \(k + 1) needs string \"name\" and \"type\"")
            }
            let type: DataType
            do { type = try parseType(typeText) } catch {
                throw TextFormatError(.invalidSchema, "field '\(name)': \(error.message)", column: name)
            }
            var nullable = true
            if let n = f["nullable"] {
                guard let b = n as? Bool else {
                    throw TextFormatError(.invalidSchema, "field '\(name)': \"nullable\" must be true or false", column: name)
                }
                nullable = b
            }
            guard !result.contains(where: { $0.name == name }) else {
                throw TextFormatError(.invalidSchema, "field name '\(name)' appears twice", column: name)
            }
            result.append(Field(name, type, nullable: nullable))
        }
        return Schema(result)
    }
}

/// A recursive-descent parser for the compact schema form.
struct SpecParser {
    private let chars: [Character]
    private var index = 0

    init(_ text: String) { chars = Array(text) }

    private func fail(_ message: String) -> TextFormatError {
        TextFormatError(.invalidSchema, "\(message) at position \(index + 1)", offset: index)
    }

    private mutating func skipSpace() { while index < chars.count, chars[index].isWhitespace { index += 1 } }

    private mutating func accept(_ c: Character) -> Bool {
        skipSpace()
        if index < chars.count, chars[index] == c { index += 1; return true }
        return false
    }

    private mutating func expect(_ c: Character) throws(TextFormatError) {
        guard accept(c) else { throw fail("expected '\(c)'") }
    }

    mutating func end() throws(TextFormatError) {
        skipSpace()
        if index < chars.count { throw fail("unexpected '\(chars[index])'") }
    }

    private mutating func word() -> String {
        skipSpace()
        let start = index
        while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" { index += 1 }
        return String(chars[start..<index])
    }

    private mutating func integer() throws(TextFormatError) -> Int {
        skipSpace()
        let start = index
        while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
        guard index > start, let v = Int(String(chars[start..<index])) else { throw fail("expected a number") }
        return v
    }

    mutating func schema() throws(TextFormatError) -> Schema {
        var fields: [Field] = []
        skipSpace()
        if index == chars.count { throw fail("empty schema: expected name:type") }
        repeat {
            let nameStart = index
            let name = try fieldName()
            guard !fields.contains(where: { $0.name == name }) else {
                index = nameStart
                throw fail("field name '\(name)' appears twice")
            }
            try expect(":")
            let (type, required) = try type()
            fields.append(Field(name, type, nullable: !required))
        } while accept(",")
        try end()
        return Schema(fields)
    }

    private mutating func fieldName() throws(TextFormatError) -> String {
        skipSpace()
        guard index < chars.count else { throw fail("expected a field name") }
        if chars[index] == "\"" || chars[index] == "`" {
            let close = chars[index]
            index += 1
            let start = index
            while index < chars.count, chars[index] != close { index += 1 }
            guard index < chars.count else { throw fail("unterminated quoted name") }
            defer { index += 1 }
            return String(chars[start..<index])
        }
        let start = index
        while index < chars.count, chars[index] != ":", chars[index] != "," { index += 1 }
        let name = String(chars[start..<index]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { index = start; throw fail("expected a field name") }
        return name
    }

    /// A type and whether it is followed by `!`.
    mutating func type() throws(TextFormatError) -> (DataType, Bool) {
        let start = index
        let name = word().lowercased()
        let type: DataType
        switch name {
        case "boolean", "bool": type = .boolean
        case "int32", "int", "integer": type = .int32
        case "int64", "long", "bigint": type = .int64
        case "float", "float32", "real": type = .float
        case "double", "float64": type = .double
        case "string", "str", "text", "utf8", "varchar": type = .string
        case "binary", "bytes": type = .binary
        case "date", "date32": type = .date
        case "uuid": type = .uuid
        case "timestamptz": type = .timestamp(unit: .microseconds, utc: true)
        case "timestamp":
            var unit = TimeUnit.microseconds
            var utc = false
            if accept("[") {
                switch word().lowercased() {
                case "ms": unit = .milliseconds
                case "us": unit = .microseconds
                case "ns": unit = .nanoseconds
                default: throw fail("expected a time unit (ms, us or ns)")
                }
                if accept(",") {
                    guard word().lowercased() == "utc" else { throw fail("expected 'utc'") }
                    utc = true
                }
                try expect("]")
            }
            type = .timestamp(unit: unit, utc: utc)
        case "decimal", "numeric":
            try expect("(")
            let precision = try integer()
            var scale = 0
            if accept(",") { scale = try integer() }
            try expect(")")
            guard precision >= 1, precision <= 38, scale <= precision else {
                throw fail("decimal precision must be 1…38 and scale at most the precision")
            }
            type = .decimal(precision: precision, scale: scale)
        case "fixed":
            try expect("[")
            let width = try integer()
            try expect("]")
            guard width > 0 else { throw fail("fixed width must be positive") }
            type = .fixedBinary(width: width)
        case "list", "array":
            try expect("<")
            let (element, required) = try self.type()
            try expect(">")
            type = .list(element: Field("element", element, nullable: !required))
        case "":
            throw fail("expected a type")
        default:
            index = start
            skipSpace()
            throw fail("unknown type '\(name)' (known: boolean, int32, int64, float, double, string, binary, fixed[n], date, timestamp, decimal(p,s), uuid, list<…>)")
        }
        return (type, accept("!"))
    }
}
