import Columnar
import Contracts
import Iceberg
import Quality

/// The schemas a publish works with: the contract's columns with the contract's types (what
/// inputs are read and checked as) and the table's schema (what data files store).
struct PublishSchema {
    /// The contract object's columns, in contract order, typed as the contract says, all nullable
    /// (nulls in required columns are reported by the checks), carrying the table's field ids.
    let read: Schema
    /// The table's current schema.
    let table: Schema
    /// Columns the contract marks required (or primary key).
    let required: Set<String>
    /// Per read column: the table type when it differs from the contract type (converted before writing).
    let tableCasts: [Int: DataType]

    /// Matches `object`'s properties with the table's columns.
    init(object: SchemaObject, table: Schema, objectName: String) throws(MeshError) {
        var fields: [Field] = []
        var casts: [Int: DataType] = [:]
        var required: Set<String> = []
        for property in object.properties {
            guard let tableField = table.field(named: property.name) else {
                throw MeshError(.invalidInput,
                                "the contract's column '\(property.name)' is not in the product's table (table columns: \(table.names.joined(separator: ", "))); register the contract again to evolve the table",
                                context: "\(objectName).\(property.name)")
            }
            let type = ContractSchema.dataType(for: property) ?? tableField.type
            if type != tableField.type {
                guard ColumnCast.canCast(type, to: tableField.type) else {
                    throw MeshError(.invalidInput,
                                    "the contract types column '\(property.name)' as \(type.description) but the table stores \(tableField.type.description); register the contract again",
                                    context: "\(objectName).\(property.name)")
                }
                casts[fields.count] = tableField.type
            }
            if property.isRequired { required.insert(property.name) }
            fields.append(Field(property.name, type, nullable: true, id: tableField.id))
        }
        guard !fields.isEmpty else {
            throw MeshError(.invalidInput, "the contract's schema object '\(objectName)' declares no columns", context: objectName)
        }
        for field in table.fields where !field.nullable && !fields.contains(where: { $0.name == field.name }) {
            throw MeshError(.invalidInput, "the table requires column '\(field.name)', which the contract does not declare; register the contract again",
                            context: "\(objectName).\(field.name)")
        }
        self.read = Schema(fields)
        self.table = table
        self.required = required
        self.tableCasts = casts
    }

    /// `batch` (in ``read`` schema) converted to the table's types, ready for the data file writer.
    func tableBatch(_ batch: RecordBatch, file: String, firstRow: Int64) throws(MeshError) -> RecordBatch {
        if tableCasts.isEmpty { return batch }
        var fields = batch.schema.fields
        var columns = batch.columns
        for (index, type) in tableCasts {
            do {
                columns[index] = try ColumnCast.cast(columns[index], to: type)
            } catch {
                throw PublishInputReader.castError(error, file: file, firstRow: firstRow, column: fields[index].name)
            }
            fields[index].type = type
        }
        return RecordBatch(unchecked: Schema(fields), columns: columns, count: batch.count)
    }
}

extension PublishPipeline {
    /// The table schema a contract object calls for: its properties in order, typed by
    /// ``Quality/ContractSchema/dataType(for:)``, required (or primary-key) properties not
    /// nullable. Properties without a column type (objects, untyped) are an error naming them.
    public static func tableSchema(for object: SchemaObject) throws(MeshError) -> Schema {
        var fields: [Field] = []
        for property in object.properties {
            guard let type = ContractSchema.dataType(for: property) else {
                throw MeshError(.invalidInput, "column '\(property.name)' has no storable type (logicalType \(property.logicalTypeName ?? "missing")); give it a scalar or array logicalType",
                                context: "\(object.name).\(property.name)")
            }
            fields.append(Field(property.name, type, nullable: !property.isRequired))
        }
        return Schema(fields)
    }
}
