import Avro

extension IcebergType {
    /// The type as JSON (Appendix C): a string for primitives, an object for nested types.
    public var json: JSONValue {
        switch self {
        case .struct(let s):
            return .object([JSONMember("type", "struct"), JSONMember("fields", .array(s.fields.map(\.json)))])
        case .list(let l):
            return .object([JSONMember("type", "list"), JSONMember("element-id", .int(Int64(l.elementID))),
                            JSONMember("element", l.element.json), JSONMember("element-required", .bool(l.elementRequired))])
        case .map(let m):
            return .object([JSONMember("type", "map"), JSONMember("key-id", .int(Int64(m.keyID))), JSONMember("key", m.key.json),
                            JSONMember("value-id", .int(Int64(m.valueID))), JSONMember("value", m.value.json),
                            JSONMember("value-required", .bool(m.valueRequired))])
        default:
            return .string(name)
        }
    }

    /// Parses a type from JSON (Appendix C).
    public init(json: JSONValue) throws(IcebergError) {
        switch json {
        case .string(let s):
            self = try IcebergType.primitive(named: s)
        case .object:
            switch json["type"]?.stringValue {
            case "struct":
                guard let fields = json["fields"]?.arrayValue else { throw IcebergError(.invalidSchema, "struct without 'fields'") }
                var out: [NestedField] = []
                for f in fields { out.append(try NestedField(json: f)) }
                self = .struct(StructType(out))
            case "list":
                guard let id = json["element-id"]?.intValue, let element = json["element"] else {
                    throw IcebergError(.invalidSchema, "list without 'element-id' or 'element'")
                }
                self = .list(ListType(elementID: Int(id), element: try IcebergType(json: element),
                                      elementRequired: json["element-required"]?.boolValue ?? false))
            case "map":
                guard let keyID = json["key-id"]?.intValue, let key = json["key"], let valueID = json["value-id"]?.intValue,
                    let value = json["value"]
                else { throw IcebergError(.invalidSchema, "map without 'key-id', 'key', 'value-id' or 'value'") }
                self = .map(MapType(keyID: Int(keyID), key: try IcebergType(json: key), valueID: Int(valueID),
                                    value: try IcebergType(json: value), valueRequired: json["value-required"]?.boolValue ?? false))
            default:
                throw IcebergError(.invalidSchema, "unknown nested type \(json["type"]?.serialized() ?? "(missing)")")
            }
        default:
            throw IcebergError(.invalidSchema, "a type must be a string or an object, got \(json.serialized())")
        }
    }
}

extension NestedField {
    /// The field as JSON: `id`, `name`, `required`, `type`, then `doc` and defaults when present.
    public var json: JSONValue {
        var members = [JSONMember("id", .int(Int64(id))), JSONMember("name", .string(name)),
                       JSONMember("required", .bool(required)), JSONMember("type", type.json)]
        if let doc { members.append(JSONMember("doc", .string(doc))) }
        if let initialDefault { members.append(JSONMember("initial-default", initialDefault)) }
        if let writeDefault { members.append(JSONMember("write-default", writeDefault)) }
        return .object(members)
    }

    /// Parses a struct field from JSON.
    public init(json: JSONValue) throws(IcebergError) {
        guard let id = json["id"]?.intValue, let name = json["name"]?.stringValue, let type = json["type"] else {
            throw IcebergError(.invalidSchema, "struct field without 'id', 'name' or 'type': \(json.serialized())")
        }
        let parsed: IcebergType
        do { parsed = try IcebergType(json: type) } catch {
            throw IcebergError(error.kind, error.message, context: name + (error.context.map { ".\($0)" } ?? ""))
        }
        self.init(id: Int(id), name: name, type: parsed, required: json["required"]?.boolValue ?? false,
                  doc: json["doc"]?.stringValue, initialDefault: json["initial-default"], writeDefault: json["write-default"])
    }
}

extension IcebergSchema {
    /// The schema as JSON: a struct with `schema-id` and `identifier-field-ids`.
    public var json: JSONValue {
        .object([JSONMember("type", "struct"), JSONMember("schema-id", .int(Int64(schemaID))),
                 JSONMember("identifier-field-ids", .array(identifierFieldIDs.map { .int(Int64($0)) })),
                 JSONMember("fields", .array(fields.map(\.json)))])
    }

    /// Parses a schema from JSON; a missing `schema-id` (v1) becomes `defaultSchemaID`.
    public init(json: JSONValue, defaultSchemaID: Int = 0) throws(IcebergError) {
        guard json["type"]?.stringValue == "struct", let fieldsJSON = json["fields"]?.arrayValue else {
            throw IcebergError(.invalidSchema, "a schema must be a struct with 'fields'")
        }
        var fields: [NestedField] = []
        for f in fieldsJSON { fields.append(try NestedField(json: f)) }
        var ids: [Int] = []
        for v in json["identifier-field-ids"]?.arrayValue ?? [] {
            guard let i = v.intValue else { throw IcebergError(.invalidSchema, "identifier-field-ids must be integers") }
            ids.append(Int(i))
        }
        self.init(schemaID: json["schema-id"]?.intValue.map { Int($0) } ?? defaultSchemaID, fields: fields, identifierFieldIDs: ids)
    }

    /// Parses a schema from JSON text (e.g. a manifest's `schema` header).
    public init(jsonText: String) throws(IcebergError) {
        let json: JSONValue
        do { json = try JSONValue.parse(jsonText) } catch {
            throw IcebergError(.invalidSchema, "schema JSON does not parse: \(error.message)")
        }
        try self.init(json: json)
    }
}
