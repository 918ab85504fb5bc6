/// Options for reading CSV.
public struct CSVReadOptions: Sendable, Hashable {
    /// The field separator byte: `,` (default), `\t`, `;`, `|`…
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// The quote byte (`"`); a quote inside a quoted field is written twice.
    public var quote: UInt8 = UInt8(ascii: "\"")
    /// Whether the first record names the columns (default `true`). Without a header the
    /// columns are called `f0`, `f1`… (or taken from the schema, in order).
    public var hasHeader = true
    /// Unquoted field texts read as null, in every column.
    ///
    /// Default: the empty field, `NULL`, `null`, `NA`, `N/A`, `<NA>` (a subset of pyarrow's
    /// defaults that leaves `NaN`/`nan` as the floating-point value). A quoted field is never
    /// null in a string column (`""` is the empty string); in other columns a quoted empty
    /// field is null too.
    public var nullValues: Set<String> = ["", "NULL", "null", "NA", "N/A", "<NA>"]

    /// Creates the default options.
    public init() {}

    /// Options with `delimiter`.
    public init(delimiter: UInt8) { self.delimiter = delimiter }
}

/// Options for reading JSON Lines.
public struct JSONLReadOptions: Sendable, Hashable {
    /// Whether keys the schema does not have are skipped (default `false`: they are an error).
    public var ignoreUnknownKeys = false

    /// Creates the default options.
    public init() {}
}

/// How much input schema inference looks at.
public enum InferenceScope: Sendable, Hashable {
    /// The first `n` rows (default 10,000). Later rows that do not fit are an error.
    case sample(rows: Int)
    /// Every row (reads the input twice; needs a file or in-memory input, not a pipe).
    case fullScan
}

/// Options shared by the CSV and JSON Lines readers.
public struct TextReadOptions: Sendable {
    /// CSV-specific options.
    public var csv = CSVReadOptions()
    /// JSON Lines-specific options.
    public var jsonl = JSONLReadOptions()
    /// The maximum number of rows per ``RecordBatch`` (default 65,536).
    public var batchSize = 65_536
    /// The number of bytes read from the input at a time (default 8 MiB).
    public var chunkSize = 8 << 20
    /// How many rows type inference samples when no schema is given.
    public var inference = InferenceScope.sample(rows: 10_000)
    /// Whether input columns the schema does not have are skipped (default `false`: error).
    /// For JSON Lines this also enables ``JSONLReadOptions/ignoreUnknownKeys``.
    public var ignoreExtraColumns = false
    /// Whether an input without rows is fine (default `true`); when `false`,
    /// ``TextTableReader/next()`` throws ``TextFormatError/Kind-swift.struct/emptyInput``.
    public var allowEmpty = true
    /// Called after each chunk with (bytes consumed, total bytes when known).
    public var progress: (@Sendable (Int64, Int64?) -> Void)?

    /// Creates the default options.
    public init() {}
}
