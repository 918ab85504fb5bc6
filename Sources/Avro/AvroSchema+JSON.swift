extension AvroSchema {
    /// Parses a schema from its JSON text (the `avro.schema` header value).
    public static func parse(json text: String) throws(AvroError) -> AvroSchema {
        let json = try JSONValue.parse(text)
        var names: [String: AvroSchema] = [:]
        return try parse(json, namespace: nil, names: &names)
    }

    /// Parses a schema from a JSON value; named types must be defined before they are referenced.
    public static func parse(_ json: JSONValue) throws(AvroError) -> AvroSchema {
        var names: [String: AvroSchema] = [:]
        return try parse(json, namespace: nil, names: &names)
    }

    private static let reservedKeys: Set<String> = ["type", "name", "namespace", "fields", "items", "values", "symbols", "size", "doc", "aliases", "default", "order"]

    private static func fullName(_ name: String, _ namespace: String?) -> String {
        if name.contains(".") { return name }
        if let namespace, !namespace.isEmpty { return "\(namespace).\(name)" }
        return name
    }

    private static func extraProperties(_ members: [JSONMember]) -> [String: JSONValue] {
        var props: [String: JSONValue] = [:]
        for m in members where !reservedKeys.contains(m.key) { props[m.key] = m.value }
        return props
    }

    private static func parse(_ json: JSONValue, namespace: String?, names: inout [String: AvroSchema]) throws(AvroError) -> AvroSchema {
        switch json {
        case .string(let name):
            if let p = AvroPrimitive(rawValue: name) { return .primitive(p) }
            if let named = names[fullName(name, namespace)] ?? names[name] { return named }
            throw AvroError(.invalidSchema, "unknown type name '\(name)'")
        case .array(let branches):
            var parsed: [AvroSchema] = []
            for b in branches {
                let s = try parse(b, namespace: namespace, names: &names)
                if case .union = s { throw AvroError(.invalidSchema, "a union may not directly contain a union") }
                parsed.append(s)
            }
            return .union(parsed)
        case .object(let members):
            guard let typeJSON = json["type"] else { throw AvroError(.invalidSchema, "schema object without 'type'") }
            guard case .string(let type) = typeJSON else {
                // {"type": {...}} or {"type": [...]}: a wrapped schema.
                return try parse(typeJSON, namespace: namespace, names: &names)
            }
            let props = extraProperties(members)
            if let p = AvroPrimitive(rawValue: type) { return .primitive(p, properties: props) }
            switch type {
            case "record", "error":
                guard let name = json["name"]?.stringValue else { throw AvroError(.invalidSchema, "record without 'name'") }
                let full = fullName(name, json["namespace"]?.stringValue ?? namespace)
                let inner = full.contains(".") ? String(full[..<full.lastIndex(of: ".")!]) : namespace
                guard let fieldsJSON = json["fields"]?.arrayValue else {
                    throw AvroError(.invalidSchema, "record '\(name)' without 'fields' array")
                }
                var fields: [AvroField] = []
                var seen: Set<String> = []
                for f in fieldsJSON {
                    guard let fname = f["name"]?.stringValue, let ftype = f["type"], let fmembers = f.objectValue else {
                        throw AvroError(.invalidSchema, "field of record '\(name)' without 'name' or 'type'")
                    }
                    guard seen.insert(fname).inserted else { throw AvroError(.invalidSchema, "duplicate field '\(fname)' in record '\(name)'") }
                    let schema = try parse(ftype, namespace: inner, names: &names)
                    fields.append(AvroField(fname, schema, doc: f["doc"]?.stringValue, defaultValue: f["default"],
                                            properties: extraProperties(fmembers)))
                }
                let record = AvroSchema.record(AvroRecord(name: full, doc: json["doc"]?.stringValue, fields: fields, properties: props))
                if names[full] != nil { throw AvroError(.invalidSchema, "type '\(full)' defined twice") }
                names[full] = record
                return record
            case "enum":
                guard let name = json["name"]?.stringValue, let symbols = json["symbols"]?.arrayValue else {
                    throw AvroError(.invalidSchema, "enum without 'name' or 'symbols'")
                }
                var syms: [String] = []
                for s in symbols {
                    guard let str = s.stringValue else { throw AvroError(.invalidSchema, "enum '\(name)' symbol is not a string") }
                    syms.append(str)
                }
                let full = fullName(name, json["namespace"]?.stringValue ?? namespace)
                let e = AvroSchema.enumeration(AvroEnum(name: full, symbols: syms, properties: props))
                names[full] = e
                return e
            case "fixed":
                guard let name = json["name"]?.stringValue, let size = json["size"]?.intValue, size >= 0, size <= Int32.max else {
                    throw AvroError(.invalidSchema, "fixed without 'name' or a valid 'size'")
                }
                let full = fullName(name, json["namespace"]?.stringValue ?? namespace)
                let f = AvroSchema.fixed(AvroFixed(name: full, size: Int(size), properties: props))
                names[full] = f
                return f
            case "array":
                guard let items = json["items"] else { throw AvroError(.invalidSchema, "array without 'items'") }
                return .array(AvroArray(items: try parse(items, namespace: namespace, names: &names), properties: props))
            case "map":
                guard let values = json["values"] else { throw AvroError(.invalidSchema, "map without 'values'") }
                return .map(AvroMap(values: try parse(values, namespace: namespace, names: &names), properties: props))
            default:
                if let named = names[fullName(type, namespace)] ?? names[type] { return named }
                throw AvroError(.invalidSchema, "unknown type '\(type)'")
            }
        default:
            throw AvroError(.invalidSchema, "a schema must be a string, object or array")
        }
    }

    /// The schema as JSON; a named type written a second time is written by name.
    public var json: JSONValue {
        var defined: Set<String> = []
        return toJSON(defined: &defined)
    }

    /// The schema as compact JSON text, as stored in the `avro.schema` header.
    public var jsonText: String { json.serialized() }

    private static func sortedProperties(_ props: [String: JSONValue]) -> [JSONMember] {
        props.keys.sorted().map { JSONMember($0, props[$0]!) }
    }

    private func toJSON(defined: inout Set<String>) -> JSONValue {
        switch self {
        case .primitive(let p, let props):
            if props.isEmpty { return .string(p.rawValue) }
            return .object([JSONMember("type", .string(p.rawValue))] + Self.sortedProperties(props))
        case .fixed(let f):
            if !defined.insert(f.name).inserted { return .string(f.name) }
            return .object([JSONMember("type", "fixed"), JSONMember("name", .string(f.name)), JSONMember("size", .int(Int64(f.size)))]
                + Self.sortedProperties(f.properties))
        case .enumeration(let e):
            if !defined.insert(e.name).inserted { return .string(e.name) }
            return .object([JSONMember("type", "enum"), JSONMember("name", .string(e.name)),
                            JSONMember("symbols", .array(e.symbols.map { .string($0) }))] + Self.sortedProperties(e.properties))
        case .array(let a):
            return .object([JSONMember("type", "array"), JSONMember("items", a.items.toJSON(defined: &defined))]
                + Self.sortedProperties(a.properties))
        case .map(let m):
            return .object([JSONMember("type", "map"), JSONMember("values", m.values.toJSON(defined: &defined))]
                + Self.sortedProperties(m.properties))
        case .union(let branches):
            var out: [JSONValue] = []
            for b in branches { out.append(b.toJSON(defined: &defined)) }
            return .array(out)
        case .record(let r):
            if !defined.insert(r.name).inserted { return .string(r.name) }
            var fields: [JSONValue] = []
            for f in r.fields {
                var members = [JSONMember("name", .string(f.name)), JSONMember("type", f.type.toJSON(defined: &defined))]
                if let doc = f.doc { members.append(JSONMember("doc", .string(doc))) }
                if let d = f.defaultValue { members.append(JSONMember("default", d)) }
                members += Self.sortedProperties(f.properties)
                fields.append(.object(members))
            }
            var members = [JSONMember("type", "record"), JSONMember("name", .string(r.name))]
            if let doc = r.doc { members.append(JSONMember("doc", .string(doc))) }
            members.append(JSONMember("fields", .array(fields)))
            return .object(members + Self.sortedProperties(r.properties))
        }
    }
}
