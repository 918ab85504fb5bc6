import Avro

/// A table schema: a struct of id'd fields plus a schema id and identifier (row key) field ids.
public struct IcebergSchema: Sendable, Hashable {
    /// The schema id (unique within table metadata).
    public var schemaID: Int
    /// The top-level fields.
    public var fields: [NestedField]
    /// Field ids that together identify a row (may be empty).
    public var identifierFieldIDs: [Int]

    /// Creates a schema.
    public init(schemaID: Int = 0, fields: [NestedField], identifierFieldIDs: [Int] = []) {
        self.schemaID = schemaID
        self.fields = fields
        self.identifierFieldIDs = identifierFieldIDs
    }

    /// The schema as a struct type.
    public var asStruct: StructType { StructType(fields) }

    /// Every field at any depth (struct fields, list elements and map keys/values as synthetic
    /// fields named `element`, `key`, `value`), in depth-first order.
    public var allFields: [NestedField] {
        var out: [NestedField] = []
        func visit(_ type: IcebergType) {
            switch type {
            case .struct(let s):
                for f in s.fields {
                    out.append(f)
                    visit(f.type)
                }
            case .list(let l):
                out.append(NestedField(id: l.elementID, name: "element", type: l.element, required: l.elementRequired))
                visit(l.element)
            case .map(let m):
                out.append(NestedField(id: m.keyID, name: "key", type: m.key, required: true))
                visit(m.key)
                out.append(NestedField(id: m.valueID, name: "value", type: m.value, required: m.valueRequired))
                visit(m.value)
            default: break
            }
        }
        visit(.struct(asStruct))
        return out
    }

    /// The field with `id` at any depth.
    public func field(id: Int) -> NestedField? { allFields.first { $0.id == id } }

    /// The field reached by a dotted path of struct field names (`location.lat`).
    public func field(path: String) -> NestedField? {
        var current = asStruct
        let parts = path.split(separator: ".").map(String.init)
        for (i, p) in parts.enumerated() {
            guard let f = current.field(named: p) else { return nil }
            if i == parts.count - 1 { return f }
            guard case .struct(let s) = f.type else { return nil }
            current = s
        }
        return nil
    }

    /// The highest field id used anywhere in the schema (0 when empty).
    public var highestFieldID: Int { allFields.map(\.id).max() ?? 0 }

    /// Checks that field ids are unique and identifier fields exist, are required primitives
    /// and are not float/double.
    public func validate() throws(IcebergError) {
        var seen: Set<Int> = []
        for f in allFields where !seen.insert(f.id).inserted {
            throw IcebergError(.invalidSchema, "field id \(f.id) is used twice", context: f.name)
        }
        for id in identifierFieldIDs {
            guard let f = field(id: id) else {
                throw IcebergError(.invalidSchema, "identifier field id \(id) is not in the schema")
            }
            guard f.required, f.type.isPrimitive, f.type != .float, f.type != .double else {
                throw IcebergError(.invalidSchema, "identifier field '\(f.name)' must be a required primitive that is not float or double")
            }
        }
    }
}
