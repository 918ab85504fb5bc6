import Columnar
import Foundation

extension SchemaMapping {
    /// Assigns sequential ids to fields (and list elements) that have none, continuing after the
    /// largest id present: top-level fields first, then list elements.
    static func assigningFieldIds(_ schema: Schema) -> Schema {
        var maxId: Int32 = 0
        for f in schema.fields {
            maxId = max(maxId, f.id ?? 0)
            if case .list(let el) = f.type { maxId = max(maxId, el.id ?? 0) }
        }
        var next = maxId + 1
        var out = schema
        for i in out.fields.indices where out.fields[i].id == nil {
            out.fields[i].id = next
            next += 1
        }
        for i in out.fields.indices {
            if case .list(var el) = out.fields[i].type, el.id == nil {
                el.id = next
                next += 1
                out.fields[i].type = .list(element: el)
            }
        }
        return out
    }

    /// The minimal FIXED_LEN_BYTE_ARRAY width holding every unscaled value of `precision` digits.
    static func decimalByteWidth(precision: Int) -> Int {
        var width = 1
        // Largest value in `width` bytes of two's complement: 2^(8w-1) - 1 ≥ 10^p - 1.
        while Double(8 * width - 1) < Double(precision) * log2(10.0) { width += 1 }
        return width
    }

    /// The physical representation Meshwork writes for a primitive type.
    static func physical(for type: DataType) -> (PhysicalType, Int32?) {
        switch type {
        case .boolean: (.boolean, nil)
        case .int32, .date: (.int32, nil)
        case .int64, .timestamp: (.int64, nil)
        case .float: (.float, nil)
        case .double: (.double, nil)
        case .string, .binary: (.byteArray, nil)
        case .fixedBinary(let w): (.fixedLenByteArray, Int32(w))
        case .uuid: (.fixedLenByteArray, 16)
        case .decimal(let p, _):
            p <= 9 ? (.int32, nil) : p <= 18 ? (.int64, nil) : (.fixedLenByteArray, Int32(decimalByteWidth(precision: p)))
        case .list: (.byteArray, nil) // not a leaf type
        }
    }

    /// A leaf schema element for a primitive field.
    static func leafElement(name: String, type: DataType, repetition: Repetition, fieldId: Int32?) -> SchemaElement {
        let (physical, length) = physical(for: type)
        var e = SchemaElement(name: name, type: physical, typeLength: length, repetition: repetition, fieldId: fieldId)
        switch type {
        case .string:
            e.logicalType = .string
            e.convertedType = .utf8
        case .date:
            e.logicalType = .date
            e.convertedType = .date
        case .timestamp(let unit, let utc):
            let u: LogicalTimeUnit = unit == .milliseconds ? .millis : unit == .microseconds ? .micros : .nanos
            e.logicalType = .timestamp(isAdjustedToUTC: utc, unit: u)
            if utc && unit == .milliseconds { e.convertedType = .timestampMillis }
            if utc && unit == .microseconds { e.convertedType = .timestampMicros }
        case .decimal(let p, let s):
            e.logicalType = .decimal(scale: Int32(s), precision: Int32(p))
            e.convertedType = .decimal
            e.scale = Int32(s)
            e.precision = Int32(p)
        case .uuid:
            e.logicalType = .uuid
        default: break
        }
        return e
    }

    /// Maps a Columnar schema (with ids already assigned) to Parquet schema elements and leaves.
    static func write(_ schema: Schema) throws(ParquetError) -> (elements: [SchemaElement], leaves: [LeafColumn]) {
        var elements = [SchemaElement(name: "schema", numChildren: Int32(schema.fields.count))]
        var leaves: [LeafColumn] = []
        for (i, field) in schema.fields.enumerated() {
            let rep: Repetition = field.nullable ? .optional : .required
            switch field.type {
            case .list(let element):
                guard element.type.isPrimitive else {
                    throw ParquetError(.unsupported, "list column '\(field.name)' has a nested list element; only list<primitive> is supported", column: field.name)
                }
                try checkPrimitive(element.type, field.name)
                elements.append(SchemaElement(name: field.name, repetition: rep, numChildren: 1, convertedType: .list,
                                              fieldId: field.id, logicalType: .list))
                elements.append(SchemaElement(name: "list", repetition: .repeated, numChildren: 1))
                let leaf = leafElement(name: "element", type: element.type, repetition: element.nullable ? .optional : .required, fieldId: element.id)
                elements.append(leaf)
                let listDef = field.nullable ? 1 : 0
                leaves.append(LeafColumn(path: [field.name, "list", "element"], leafIndex: leaves.count, element: leaf,
                                         maxDefinitionLevel: listDef + 1 + (element.nullable ? 1 : 0), maxRepetitionLevel: 1,
                                         fieldIndex: i, valueType: element.type, listDefinitionLevel: listDef))
            default:
                try checkPrimitive(field.type, field.name)
                let leaf = leafElement(name: field.name, type: field.type, repetition: rep, fieldId: field.id)
                elements.append(leaf)
                leaves.append(LeafColumn(path: [field.name], leafIndex: leaves.count, element: leaf,
                                         maxDefinitionLevel: field.nullable ? 1 : 0, maxRepetitionLevel: 0,
                                         fieldIndex: i, valueType: field.type, listDefinitionLevel: nil))
            }
        }
        return (elements, leaves)
    }

    static func checkPrimitive(_ type: DataType, _ name: String) throws(ParquetError) {
        switch type {
        case .fixedBinary(let w) where w <= 0:
            throw ParquetError(.schemaMismatch, "fixed-width binary column '\(name)' needs a positive width", column: name)
        case .decimal(let p, let s) where p < 1 || p > 38 || s < 0 || s > p:
            throw ParquetError(.schemaMismatch, "decimal(\(p),\(s)) of column '\(name)' is outside precision 1...38, scale 0...precision", column: name)
        default: break
        }
    }
}
