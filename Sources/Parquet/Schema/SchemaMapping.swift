import Columnar
import Foundation

/// Conversion between the flattened Parquet schema and ``Columnar/Schema``.
enum SchemaMapping {
    /// The result of reading a Parquet schema.
    struct ReadResult {
        var schema: Schema
        var leaves: [LeafColumn]
        /// Top-level column names whose shape Meshwork does not map (structs, maps...).
        var unsupported: [String]
    }

    // MARK: Parquet -> Columnar

    /// Maps a file's schema elements to a Columnar schema and its leaf columns.
    static func read(_ elements: [SchemaElement], metadata: [String: String]) throws(ParquetError) -> ReadResult {
        guard let root = elements.first else { throw ParquetError(.corruptMetadata, "the schema is empty") }
        var index = 1
        var leaves: [LeafColumn] = []
        var fields: [Field] = []
        var unsupported: [String] = []
        let rootChildren = Int(root.numChildren ?? 0)
        guard rootChildren >= 0, rootChildren < elements.count else {
            throw ParquetError(.corruptMetadata, "the schema root claims \(rootChildren) children but there are \(elements.count - 1) elements")
        }
        for _ in 0..<rootChildren {
            guard index < elements.count else { throw ParquetError(.corruptMetadata, "the schema tree is truncated") }
            let start = index
            let subtreeEnd = try skipSubtree(elements, from: index, depth: 0)
            let e = elements[start]
            let fieldIndex = fields.count
            if let (field, subLeaves) = try mapField(elements, start, end: subtreeEnd, fieldIndex: fieldIndex, firstLeaf: leaves.count) {
                fields.append(field)
                leaves += subLeaves
            } else {
                unsupported.append(e.name)
                leaves += try unmappedLeaves(elements, start, end: subtreeEnd, firstLeaf: leaves.count)
            }
            index = subtreeEnd
        }
        guard index == elements.count else {
            throw ParquetError(.corruptMetadata, "the schema has \(elements.count - index) element(s) outside the tree")
        }
        return ReadResult(schema: Schema(fields, metadata: metadata), leaves: leaves, unsupported: unsupported)
    }

    /// Returns the index after the subtree rooted at `index`.
    static func skipSubtree(_ elements: [SchemaElement], from index: Int, depth: Int) throws(ParquetError) -> Int {
        guard depth < 64 else { throw ParquetError(.limitExceeded, "the schema is nested deeper than 64 levels") }
        guard index < elements.count else { throw ParquetError(.corruptMetadata, "the schema tree is truncated") }
        let e = elements[index]
        var next = index + 1
        if e.type == nil {
            let n = Int(e.numChildren ?? 0)
            guard n >= 0, n <= elements.count - next else {
                throw ParquetError(.corruptMetadata, "schema element '\(e.name)' claims \(n) children")
            }
            for _ in 0..<n { next = try skipSubtree(elements, from: next, depth: depth + 1) }
        }
        return next
    }

    /// Leaf descriptors for a subtree that is not mapped (so that chunk indices stay aligned).
    static func unmappedLeaves(_ elements: [SchemaElement], _ start: Int, end: Int, firstLeaf: Int) throws(ParquetError) -> [LeafColumn] {
        var out: [LeafColumn] = []
        for i in start..<end where elements[i].type != nil {
            out.append(LeafColumn(path: [elements[i].name], leafIndex: firstLeaf + out.count, element: elements[i], maxDefinitionLevel: 0,
                                  maxRepetitionLevel: 0, fieldIndex: nil, valueType: .binary, listDefinitionLevel: nil))
        }
        return out
    }

    /// Maps one top-level subtree; `nil` when its shape is not supported.
    static func mapField(_ elements: [SchemaElement], _ start: Int, end: Int, fieldIndex: Int, firstLeaf: Int) throws(ParquetError) -> (Field, [LeafColumn])? {
        let e = elements[start]
        let rep = e.repetition ?? .optional
        if e.type != nil {
            guard let type = try primitiveType(e) else { return nil }
            if rep == .repeated {
                // A bare repeated primitive: a required list of required elements.
                let element = Field("element", type, nullable: false, id: nil)
                let leaf = LeafColumn(path: [e.name], leafIndex: firstLeaf, element: e, maxDefinitionLevel: 1, maxRepetitionLevel: 1,
                                      fieldIndex: fieldIndex, valueType: type, listDefinitionLevel: 0)
                return (Field(e.name, .list(element: element), nullable: false, id: e.fieldId), [leaf])
            }
            let leaf = LeafColumn(path: [e.name], leafIndex: firstLeaf, element: e, maxDefinitionLevel: rep == .optional ? 1 : 0,
                                  maxRepetitionLevel: 0, fieldIndex: fieldIndex, valueType: type, listDefinitionLevel: nil)
            return (Field(e.name, type, nullable: rep == .optional, id: e.fieldId), [leaf])
        }
        // Groups: only LIST-annotated groups of one primitive element are mapped.
        let isList = e.logicalType == .list || e.convertedType == .list
        guard isList, rep != .repeated, e.numChildren == 1, end - start >= 2 else { return nil }
        let repeated = elements[start + 1]
        guard repeated.repetition == .repeated else { return nil }
        let listDef = rep == .optional ? 1 : 0
        if repeated.type != nil {
            // Two-level list: the repeated primitive is the (required) element.
            guard end - start == 2, let type = try primitiveType(repeated) else { return nil }
            let element = Field(repeated.name, type, nullable: false, id: repeated.fieldId)
            let leaf = LeafColumn(path: [e.name, repeated.name], leafIndex: firstLeaf, element: repeated,
                                  maxDefinitionLevel: listDef + 1, maxRepetitionLevel: 1, fieldIndex: fieldIndex,
                                  valueType: type, listDefinitionLevel: listDef)
            return (Field(e.name, .list(element: element), nullable: rep == .optional, id: e.fieldId), [leaf])
        }
        // Three-level list: repeated group with exactly one primitive child (not the legacy struct forms).
        guard repeated.numChildren == 1, end - start == 3, repeated.name != "array", repeated.name != e.name + "_tuple" else { return nil }
        let leafElement = elements[start + 2]
        guard leafElement.type != nil, leafElement.repetition != .repeated, let type = try primitiveType(leafElement) else { return nil }
        let elementOptional = leafElement.repetition == .optional
        let element = Field(leafElement.name, type, nullable: elementOptional, id: leafElement.fieldId)
        let leaf = LeafColumn(path: [e.name, repeated.name, leafElement.name], leafIndex: firstLeaf, element: leafElement,
                              maxDefinitionLevel: listDef + 1 + (elementOptional ? 1 : 0), maxRepetitionLevel: 1,
                              fieldIndex: fieldIndex, valueType: type, listDefinitionLevel: listDef)
        return (Field(e.name, .list(element: element), nullable: rep == .optional, id: e.fieldId), [leaf])
    }

    /// The Columnar type of a primitive element; `nil` when it has no mapping.
    static func primitiveType(_ e: SchemaElement) throws(ParquetError) -> DataType? {
        guard let physical = e.type else { return nil }
        let width = Int(e.typeLength ?? 0)
        if physical == .fixedLenByteArray && (width <= 0 || width > 1 << 20) {
            throw ParquetError(.corruptMetadata, "FIXED_LEN_BYTE_ARRAY column '\(e.name)' has invalid type_length \(width)")
        }
        // Decimal from either annotation.
        var decimal: (Int, Int)?
        if case .decimal(let s, let p)? = e.logicalType { decimal = (Int(p), Int(s)) }
        else if e.convertedType == .decimal, let p = e.precision { decimal = (Int(p), Int(e.scale ?? 0)) }
        if let (p, s) = decimal {
            guard p >= 1, p <= 38, s >= 0, s <= p else {
                throw ParquetError(.unsupported, "decimal(\(p),\(s)) of column '\(e.name)' is outside precision 1...38")
            }
            switch physical {
            case .int32, .int64, .byteArray: return .decimal(precision: p, scale: s)
            case .fixedLenByteArray: return width <= 16 ? .decimal(precision: p, scale: s) : nil
            default: return nil
            }
        }
        switch physical {
        case .boolean: return .boolean
        case .int32:
            if e.logicalType == .date || e.convertedType == .date { return .date }
            if case .integer(32, false)? = e.logicalType { return .int64 }
            if e.convertedType == .uint32 { return .int64 }
            return .int32
        case .int64:
            if case .timestamp(let utc, let unit)? = e.logicalType {
                return .timestamp(unit: unit == .millis ? .milliseconds : unit == .micros ? .microseconds : .nanoseconds, utc: utc)
            }
            if e.convertedType == .timestampMillis { return .timestamp(unit: .milliseconds, utc: true) }
            if e.convertedType == .timestampMicros { return .timestamp(unit: .microseconds, utc: true) }
            return .int64
        case .int96: return .timestamp(unit: .nanoseconds, utc: false)
        case .float: return .float
        case .double: return .double
        case .byteArray:
            switch e.logicalType {
            case .string?, .json?, .enumeration?: return .string
            case nil:
                if e.convertedType == .utf8 || e.convertedType == .json || e.convertedType == .enumeration { return .string }
                return .binary
            default: return .binary
            }
        case .fixedLenByteArray:
            if e.logicalType == .uuid && width == 16 { return .uuid }
            return .fixedBinary(width: width)
        }
    }
}
