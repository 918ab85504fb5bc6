import Avro

/// One field of a partition spec: a transform of a source column, with its own field id.
public struct PartitionField: Sendable, Hashable {
    /// The source column's field id.
    public var sourceID: Int
    /// The partition field id (1000 and up by convention), used as the partition struct's field id.
    public var fieldID: Int
    /// The partition field name.
    public var name: String
    /// The transform.
    public var transform: Transform

    /// Creates a partition field.
    public init(sourceID: Int, fieldID: Int, name: String, transform: Transform) {
        self.sourceID = sourceID
        self.fieldID = fieldID
        self.name = name
        self.transform = transform
    }
}

/// A partition spec: how rows map to a tuple of partition values.
public struct PartitionSpec: Sendable, Hashable {
    /// The spec id.
    public var specID: Int
    /// The fields, in partition tuple order.
    public var fields: [PartitionField]

    /// Creates a spec.
    public init(specID: Int = 0, fields: [PartitionField] = []) {
        self.specID = specID
        self.fields = fields
    }

    /// The unpartitioned spec (id 0, no fields).
    public static let unpartitioned = PartitionSpec()

    /// True when the spec has no fields, or only `void` fields.
    public var isUnpartitioned: Bool { fields.allSatisfy { $0.transform == .void } }

    /// The partition tuple type for `schema`: one optional field per partition field, with the
    /// partition field id and the transform's result type.
    public func partitionType(schema: IcebergSchema) throws(IcebergError) -> StructType {
        var out: [NestedField] = []
        for f in fields {
            guard let source = schema.field(id: f.sourceID) else {
                throw IcebergError(.invalidMetadata, "partition field '\(f.name)' refers to unknown source column id \(f.sourceID)")
            }
            let type: IcebergType
            do { type = try f.transform.resultType(for: source.type) } catch {
                throw IcebergError(error.kind, error.message, context: "partition field \(f.name)")
            }
            out.append(NestedField(id: f.fieldID, name: f.name, type: type, required: false))
        }
        return StructType(out)
    }

    /// The partition tuple of one row given its source values by field id.
    public func partition(of row: [Int: Literal]) throws(IcebergError) -> [Literal?] {
        var out: [Literal?] = []
        for f in fields { out.append(try f.transform.apply(row[f.sourceID])) }
        return out
    }

    /// The fields as a JSON array (the form used in manifest headers and v1 `partition-spec`).
    public var fieldsJSON: JSONValue {
        .array(fields.map { f in
            .object([JSONMember("source-id", .int(Int64(f.sourceID))), JSONMember("field-id", .int(Int64(f.fieldID))),
                     JSONMember("name", .string(f.name)), JSONMember("transform", .string(f.transform.name))])
        })
    }

    /// The spec as a JSON object (`spec-id`, `fields`).
    public var json: JSONValue { .object([JSONMember("spec-id", .int(Int64(specID))), JSONMember("fields", fieldsJSON)]) }

    /// Parses a spec object; `specID` overrides/defaults the id (used for v1 field lists).
    public init(json: JSONValue, specID: Int? = nil) throws(IcebergError) {
        let fieldsJSON: [JSONValue]
        if let array = json.arrayValue {
            fieldsJSON = array
        } else if let array = json["fields"]?.arrayValue {
            fieldsJSON = array
        } else {
            throw IcebergError(.invalidMetadata, "a partition spec needs 'fields'")
        }
        var fields: [PartitionField] = []
        for (i, f) in fieldsJSON.enumerated() {
            guard let name = f["name"]?.stringValue, let transform = f["transform"]?.stringValue else {
                throw IcebergError(.invalidMetadata, "partition field without 'name' or 'transform'", context: "fields[\(i)]")
            }
            guard let source = f["source-id"]?.intValue ?? f["source-ids"]?.arrayValue?.first?.intValue else {
                throw IcebergError(.invalidMetadata, "partition field '\(name)' without 'source-id'", context: "fields[\(i)]")
            }
            // v1 specs may omit field ids: the reference implementation assigned 1000, 1001, ...
            let fieldID = f["field-id"]?.intValue.map { Int($0) } ?? 1000 + i
            fields.append(PartitionField(sourceID: Int(source), fieldID: fieldID, name: name, transform: Transform(transform)))
        }
        self.init(specID: specID ?? json["spec-id"]?.intValue.map { Int($0) } ?? 0, fields: fields)
    }
}
