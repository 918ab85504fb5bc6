/// A named, typed column slot in a ``Schema``.
public struct Field: Sendable, Hashable {
    /// The column name.
    public var name: String
    /// The logical type.
    public var type: DataType
    /// Whether the column may hold nulls.
    public var nullable: Bool
    /// A stable identifier (Parquet `field_id`, Iceberg field id); `nil` when unassigned.
    public var id: Int32?
    /// Free-form key/value annotations.
    public var metadata: [String: String]

    /// Creates a field.
    public init(_ name: String, _ type: DataType, nullable: Bool = true, id: Int32? = nil, metadata: [String: String] = [:]) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.id = id
        self.metadata = metadata
    }
}

/// An ordered list of fields plus key/value metadata.
public struct Schema: Sendable, Hashable {
    /// The fields, in column order.
    public var fields: [Field]
    /// Free-form key/value annotations (written to Parquet key-value metadata).
    public var metadata: [String: String]

    /// Creates a schema.
    public init(_ fields: [Field], metadata: [String: String] = [:]) {
        self.fields = fields
        self.metadata = metadata
    }

    /// The index of the field called `name`, if any.
    public func index(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// The field called `name`, if any.
    public func field(named name: String) -> Field? { index(of: name).map { fields[$0] } }

    /// The field names in order.
    public var names: [String] { fields.map(\.name) }
}
