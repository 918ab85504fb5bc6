import Columnar

extension IcebergType {
    /// The `Columnar` type for this Iceberg type.
    ///
    /// Throws ``IcebergError/Kind/unsupported`` for types Columnar has no representation for
    /// (`time`, `struct`, `map`).
    public func columnarType() throws(IcebergError) -> DataType {
        switch self {
        case .boolean: return .boolean
        case .int: return .int32
        case .long: return .int64
        case .float: return .float
        case .double: return .double
        case .decimal(let p, let s): return .decimal(precision: p, scale: s)
        case .date: return .date
        case .timestamp: return .timestamp(unit: .microseconds, utc: false)
        case .timestamptz: return .timestamp(unit: .microseconds, utc: true)
        case .timestampNs: return .timestamp(unit: .nanoseconds, utc: false)
        case .timestamptzNs: return .timestamp(unit: .nanoseconds, utc: true)
        case .string: return .string
        case .uuid: return .uuid
        case .fixed(let l): return .fixedBinary(width: l)
        case .binary: return .binary
        case .list(let l):
            return .list(element: Field("element", try l.element.columnarType(), nullable: !l.elementRequired, id: Int32(l.elementID)))
        case .time, .struct, .map:
            throw IcebergError(.unsupported, "Iceberg type \(name) has no Columnar representation")
        }
    }
}

extension IcebergSchema {
    /// The equivalent `Columnar.Schema`: same names and order, `nullable = !required`,
    /// `Field.id` = Iceberg field id, `doc` kept in field metadata under `"doc"`.
    public func columnarSchema() throws(IcebergError) -> Schema {
        var out: [Field] = []
        for f in fields {
            let type: DataType
            do { type = try f.type.columnarType() } catch { throw IcebergError(error.kind, error.message, context: f.name) }
            out.append(Field(f.name, type, nullable: !f.required, id: Int32(f.id), metadata: f.doc.map { ["doc": $0] } ?? [:]))
        }
        return Schema(out)
    }

    /// Builds an Iceberg schema from a `Columnar.Schema`.
    ///
    /// Fields (and list elements) keep their `id` when set; the others get fresh ids above every
    /// id in use, in depth-first order. Millisecond timestamps are rejected: Iceberg stores
    /// microseconds or nanoseconds.
    public init(_ schema: Schema, schemaID: Int = 0, identifierFieldNames: [String] = []) throws(IcebergError) {
        var next = 0
        func scan(_ f: Field) {
            if let id = f.id { next = max(next, Int(id)) }
            if case .list(let e) = f.type { scan(e) }
        }
        schema.fields.forEach(scan)
        func assign(_ f: Field) -> Int {
            if let id = f.id { return Int(id) }
            next += 1
            return next
        }
        func convert(_ type: DataType, _ name: String) throws(IcebergError) -> IcebergType {
            switch type {
            case .boolean: return .boolean
            case .int32: return .int
            case .int64: return .long
            case .float: return .float
            case .double: return .double
            case .string: return .string
            case .binary: return .binary
            case .fixedBinary(let w): return .fixed(w)
            case .date: return .date
            case .timestamp(let unit, let utc):
                switch unit {
                case .microseconds: return utc ? .timestamptz : .timestamp
                case .nanoseconds: return utc ? .timestamptzNs : .timestampNs
                case .milliseconds:
                    throw IcebergError(.unsupported, "millisecond timestamps must be converted to microseconds for Iceberg", context: name)
                }
            case .decimal(let p, let s):
                guard p >= 1, p <= 38, s >= 0, s <= p else {
                    throw IcebergError(.unsupported, "decimal(\(p),\(s)) is outside Iceberg's range (precision 1–38, 0 ≤ scale ≤ precision)", context: name)
                }
                return .decimal(precision: p, scale: s)
            case .uuid: return .uuid
            case .list(let element):
                let id = assign(element)
                return .list(ListType(elementID: id, element: try convert(element.type, name + ".element"), elementRequired: !element.nullable))
            }
        }
        var fields: [NestedField] = []
        for f in schema.fields {
            let id = assign(f)
            fields.append(NestedField(id: id, name: f.name, type: try convert(f.type, f.name), required: !f.nullable, doc: f.metadata["doc"]))
        }
        var ids: [Int] = []
        for n in identifierFieldNames {
            guard let f = fields.first(where: { $0.name == n }) else {
                throw IcebergError(.invalidSchema, "identifier field '\(n)' is not a column")
            }
            ids.append(f.id)
        }
        self.init(schemaID: schemaID, fields: fields, identifierFieldIDs: ids)
        try validate()
    }
}
