/// One compatible change to a table's schema (old data files stay readable by field id).
public enum SchemaChange: Sendable, Hashable {
    /// Adds an optional top-level column of a primitive type or a list of a primitive type;
    /// old rows read it as null. A list's element id is assigned by the table (the one given is
    /// ignored). Struct and map columns are refused: `Columnar`, the in-memory form rows are
    /// read and written in, has no struct or map type.
    case addColumn(name: String, type: IcebergType, doc: String? = nil)
    /// Renames a top-level column (its field id, and so its data, stays).
    case renameColumn(String, to: String)
    /// Widens a column: int → long, float → double, or decimal(P,S) → decimal(P',S) with P' > P.
    case widenColumn(String, to: IcebergType)
    /// Lets a required column hold nulls.
    case makeOptional(String)
}

extension Table {
    /// Applies `changes` in order as one new schema and makes it current. Incompatible changes
    /// (narrowing or other type changes, duplicate or unknown names, required added columns)
    /// fail with ``IcebergError/Kind/invalidOperation`` and change nothing.
    @discardableResult
    public mutating func updateSchema(_ changes: [SchemaChange]) throws(IcebergError) -> IcebergSchema {
        var result: IcebergSchema? = nil
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            guard let current = base.currentSchema else {
                throw IcebergError(.invalidMetadata, "the table has no current schema", context: "schema update")
            }
            var fields = current.fields
            var lastID = base.lastColumnID
            func index(_ name: String) throws(IcebergError) -> Int {
                guard let i = fields.firstIndex(where: { $0.name == name }) else {
                    throw IcebergError(.invalidOperation, "no column '\(name)' (have: \(fields.map(\.name).joined(separator: ", ")))", context: name)
                }
                return i
            }
            func checkFree(_ name: String) throws(IcebergError) {
                guard !name.isEmpty, !fields.contains(where: { $0.name == name }) else {
                    throw IcebergError(.invalidOperation, "a column named '\(name)' already exists (or the name is empty)", context: name)
                }
            }
            for change in changes {
                switch change {
                case .addColumn(let name, let type, let doc):
                    try checkFree(name)
                    switch type {
                    case .list(let list):
                        guard list.element.isPrimitive else {
                            throw IcebergError(.invalidOperation, "column '\(name)': only lists of primitive elements can be added, not list<\(list.element.name)>", context: name)
                        }
                        lastID += 2
                        let listType = IcebergType.list(ListType(elementID: lastID, element: list.element, elementRequired: list.elementRequired))
                        fields.append(NestedField(id: lastID - 1, name: name, type: listType, required: false, doc: doc))
                    case .struct, .map:
                        throw IcebergError(.unsupported, "column '\(name)' is a \(type.name): struct and map columns cannot be added because Columnar, the form rows are read and written in, has no struct or map type", context: name)
                    default:
                        lastID += 1
                        fields.append(NestedField(id: lastID, name: name, type: type, required: false, doc: doc))
                    }
                case .renameColumn(let old, let new):
                    let i = try index(old)
                    try checkFree(new)
                    fields[i].name = new
                case .widenColumn(let name, let type):
                    let i = try index(name)
                    let from = fields[i].type
                    let allowed: Bool = switch (from, type) {
                    case (.int, .long), (.float, .double): true
                    case (.decimal(let p, let s), .decimal(let q, let t)): t == s && q > p
                    default: from == type
                    }
                    guard allowed else {
                        throw IcebergError(.invalidOperation, "column '\(name)' cannot change from \(from.name) to \(type.name); only int→long, float→double and wider decimal precision are allowed", context: name)
                    }
                    fields[i].type = type
                case .makeOptional(let name):
                    let i = try index(name)
                    if current.identifierFieldIDs.contains(fields[i].id) {
                        throw IcebergError(.invalidOperation, "column '\(name)' is an identifier field and must stay required", context: name)
                    }
                    fields[i].required = false
                }
            }
            let schema = IcebergSchema(schemaID: (base.schemas.map(\.schemaID).max() ?? -1) + 1, fields: fields,
                                       identifierFieldIDs: current.identifierFieldIDs)
            try schema.validate()
            var next = base
            next.schemas.append(schema)
            next.currentSchemaID = schema.schemaID
            next.lastColumnID = max(lastID, base.lastColumnID)
            result = schema
            return CommitAttempt(metadata: next)
        }
        return result!
    }
}
