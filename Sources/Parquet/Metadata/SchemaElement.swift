/// One node of the flattened Parquet schema tree (depth-first order, root first).
public struct SchemaElement: Sendable, Hashable {
    /// The physical type (leaves only).
    public var type: PhysicalType?
    /// The byte width of a `FIXED_LEN_BYTE_ARRAY` leaf.
    public var typeLength: Int32?
    /// Required, optional or repeated (absent on the root).
    public var repetition: Repetition?
    /// The element name.
    public var name: String
    /// The number of children (groups only).
    public var numChildren: Int32?
    /// The legacy converted type annotation.
    public var convertedType: ConvertedType?
    /// Decimal scale (legacy annotation).
    public var scale: Int32?
    /// Decimal precision (legacy annotation).
    public var precision: Int32?
    /// The field id (Iceberg / Arrow `PARQUET:field_id`).
    public var fieldId: Int32?
    /// The logical type annotation.
    public var logicalType: LogicalType?

    /// Creates a schema element.
    public init(name: String, type: PhysicalType? = nil, typeLength: Int32? = nil, repetition: Repetition? = nil,
                numChildren: Int32? = nil, convertedType: ConvertedType? = nil, scale: Int32? = nil,
                precision: Int32? = nil, fieldId: Int32? = nil, logicalType: LogicalType? = nil) {
        self.name = name
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.scale = scale
        self.precision = precision
        self.fieldId = fieldId
        self.logicalType = logicalType
    }

    /// True when the element is a group (has children) rather than a leaf.
    public var isGroup: Bool { (numChildren ?? 0) > 0 || type == nil }
}

extension SchemaElement {
    static func read(_ r: inout CompactReader, _ t: CompactType) throws(ParquetError) -> SchemaElement {
        try r.enterStruct(t)
        var e = SchemaElement(name: "")
        var hasName = false
        try r.readStruct { r, id, t throws(ParquetError) in
            switch id {
            case 1:
                let v = try r.readI32(t)
                guard let p = PhysicalType(rawValue: v) else { throw r.error("unknown physical type \(v)") }
                e.type = p
            case 2: e.typeLength = try r.readI32(t)
            case 3:
                let v = try r.readI32(t)
                guard let rep = Repetition(rawValue: v) else { throw r.error("unknown repetition \(v)") }
                e.repetition = rep
            case 4: e.name = try r.readString(t); hasName = true
            case 5: e.numChildren = try r.readI32(t)
            case 6: e.convertedType = ConvertedType(rawValue: try r.readI32(t))
            case 7: e.scale = try r.readI32(t)
            case 8: e.precision = try r.readI32(t)
            case 9: e.fieldId = try r.readI32(t)
            case 10: e.logicalType = try LogicalType.read(&r, t)
            default: return false
            }
            return true
        }
        guard hasName else { throw r.error("schema element without a name") }
        return e
    }

    func write(_ w: inout CompactWriter) {
        w.beginStruct()
        if let type { w.i32(1, type.rawValue) }
        if let typeLength { w.i32(2, typeLength) }
        if let repetition { w.i32(3, repetition.rawValue) }
        w.string(4, name)
        if let numChildren { w.i32(5, numChildren) }
        if let convertedType { w.i32(6, convertedType.rawValue) }
        if let scale { w.i32(7, scale) }
        if let precision { w.i32(8, precision) }
        if let fieldId { w.i32(9, fieldId) }
        if let logicalType { logicalType.write(&w, 10) }
        w.endStruct()
    }
}
