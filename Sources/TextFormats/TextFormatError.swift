/// An error raised while reading or writing CSV / JSON Lines, or parsing a schema text.
///
/// The message names what was wrong and how to fix it; the context properties say where:
/// the file (when reading from a named file), the 1-based line in that file where the
/// offending record starts, the column, and for byte-level problems the byte offset.
public struct TextFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad kind of failure; new kinds may be added.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// A quoted CSV field is not closed before the end of the input.
        public static let unterminatedQuote = Kind(name: "unterminatedQuote")
        /// A `"` inside an unquoted CSV field, or text after a closing quote.
        public static let strayQuote = Kind(name: "strayQuote")
        /// A record has a different number of fields than the header.
        public static let raggedRow = Kind(name: "raggedRow")
        /// Bytes that are not valid UTF-8.
        public static let invalidUTF8 = Kind(name: "invalidUTF8")
        /// The input has no header (CSV) or no rows at all, and the caller asked for that to be an error.
        public static let emptyInput = Kind(name: "emptyInput")
        /// Two header columns share a name, or a header name is empty.
        public static let badHeader = Kind(name: "badHeader")
        /// A JSON Lines row is not valid JSON, or not an object.
        public static let malformedJSON = Kind(name: "malformedJSON")
        /// A value cannot be converted to its column's type.
        public static let conversion = Kind(name: "conversion")
        /// A required (non-nullable) column has no value in a row.
        public static let missingValue = Kind(name: "missingValue")
        /// A column the schema requires is absent from the input.
        public static let missingColumn = Kind(name: "missingColumn")
        /// The input has a column (CSV) or key (JSON Lines) the schema does not have.
        public static let unknownColumn = Kind(name: "unknownColumn")
        /// A schema text or schema file is malformed.
        public static let invalidSchema = Kind(name: "invalidSchema")
        /// Reading or writing the underlying file failed.
        public static let io = Kind(name: "io")
        /// The caller asked for something the reader cannot do (e.g. full-scan inference on a pipe).
        public static let unsupported = Kind(name: "unsupported")
        public var description: String { name }
    }

    /// The broad kind of failure.
    public let kind: Kind
    /// What went wrong, naming the value and the expected form.
    public let message: String
    /// The file being read, if reading from a named file.
    public var file: String?
    /// The 1-based line where the offending record starts (for schema texts: the 1-based character position).
    public var line: Int?
    /// The column involved, if any.
    public var column: String?
    /// The 0-based byte offset in the input where the problem was found, if known.
    public var offset: Int?

    /// Creates an error.
    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil, column: String? = nil, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line: column 'c': message` with the parts that are known.
    public var description: String {
        var location = ""
        if let file { location += file }
        if let line { location += location.isEmpty ? "line \(line)" : ":\(line)" }
        var text = location.isEmpty ? "" : location + ": "
        if let column { text += "column '\(column)': " }
        text += message
        if let offset { text += " (byte \(offset))" }
        return text
    }

    /// A copy with missing context filled in.
    func with(file: String? = nil, line: Int? = nil, column: String? = nil, offset: Int? = nil) -> TextFormatError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        if copy.column == nil { copy.column = column }
        if copy.offset == nil { copy.offset = offset }
        return copy
    }
}
