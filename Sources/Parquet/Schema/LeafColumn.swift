import Columnar

/// A leaf (primitive) column of a Parquet schema with everything needed to encode or decode it.
public struct LeafColumn: Sendable, Hashable {
    /// The dotted path, e.g. `tags.list.element`.
    public let path: [String]
    /// The index of the leaf among all leaves (the column chunk index in every row group).
    public let leafIndex: Int
    /// The leaf schema element.
    public let element: SchemaElement
    /// The maximum definition level.
    public let maxDefinitionLevel: Int
    /// The maximum repetition level (0 or 1 for the shapes Meshwork maps).
    public let maxRepetitionLevel: Int
    /// The index of the top-level ``Columnar/Field`` this leaf belongs to, or `nil` when the
    /// column's shape is not supported (it is then left out of ``ParquetFileReader/schema``).
    public let fieldIndex: Int?
    /// The type of the leaf values (for lists: the element type).
    public let valueType: DataType
    /// For list columns: the definition level at which the list itself is non-null.
    public let listDefinitionLevel: Int?

    /// The physical type of the leaf.
    public var physicalType: PhysicalType { element.type ?? .boolean }
    /// The dotted path as one string.
    public var dottedPath: String { path.joined(separator: ".") }
    /// Whether the leaf belongs to a list column.
    public var isList: Bool { listDefinitionLevel != nil }
}

extension PhysicalType {
    /// The fixed byte width of PLAIN values of this type (nil for BYTE_ARRAY and BOOLEAN).
    func plainWidth(typeLength: Int) -> Int? {
        switch self {
        case .int32, .float: 4
        case .int64, .double: 8
        case .int96: 12
        case .fixedLenByteArray: typeLength
        case .boolean, .byteArray: nil
        }
    }
}
