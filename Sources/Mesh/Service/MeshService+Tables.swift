import Catalog
import Columnar
import Contracts
import Iceberg
import Quality

/// What registering a contract does to one output table.
struct TablePlan {
    /// The contract's schema object.
    var object: String
    /// The catalog identifier (`DOMAIN.PRODUCT` or `DOMAIN.PRODUCT.TABLE`).
    var identifier: String
    /// The contract's columns as a schema (every column nullable: the publish gate, not the
    /// table, enforces `required`, so a later contract can relax it without rewriting data).
    var schema: Schema
    /// The table when it exists already.
    var existing: Table?
    /// The schema changes an existing table needs.
    var changes: [SchemaChange]
}

extension MeshService {
    /// The catalog identifier of each schema object: `DOMAIN.PRODUCT` for a product with one
    /// table, `DOMAIN.PRODUCT.TABLE` when it has several.
    static func tableIdentifiers(productID: String, objects: [String]) -> [(object: String, identifier: String)] {
        if objects.count == 1 { return [(objects[0], productID)] }
        return objects.map { ($0, "\(productID).\($0)") }
    }

    /// Loads a product's output table through the catalog.
    func openTable(_ identifier: String) throws(MeshError) -> Table {
        try lookups.value(.table, identifier) { () throws(MeshError) in try loadTable(identifier) }
    }

    /// Loads a product's output table from its current pointer (the metadata file parsed once).
    private func loadTable(_ identifier: String) throws(MeshError) -> Table {
        let warehouse = warehouse, parsed = parsed
        do throws(IcebergError) {
            return try Table.load(name: StoreCommitter.folder(identifier: identifier), store: warehouse, committer: StoreCommitter(store: store)) { location throws(IcebergError) in
                try parsed.metadata(location: location) { () throws(IcebergError) in try Table.readMetadata(at: location, from: warehouse) }
            }
        } catch {
            throw MeshError.warehouse(error, context: identifier)
        }
    }

    /// The columnar schema a contract object's table holds.
    static func tableSchema(_ object: SchemaObject, productID: String) throws(MeshError) -> Schema {
        var fields: [Field] = []
        for (i, property) in object.properties.enumerated() {
            guard let type = ContractSchema.dataType(for: property) else {
                throw MeshError(.invalidInput, "column \(property.name) of \(object.name) has logical type \(property.logicalTypeName ?? "none"), which a table cannot store; give it a scalar or array type",
                                context: "\(productID): schema.\(object.name).properties[\(i)]")
            }
            fields.append(Field(property.name, type, nullable: true, metadata: property.description.map { ["doc": $0] } ?? [:]))
        }
        guard !fields.isEmpty else {
            throw MeshError(.invalidInput, "schema object \(object.name) has no properties", context: "\(productID): schema.\(object.name)")
        }
        return Schema(fields)
    }

    /// Works out, without changing anything, what each of the contract's tables needs: creation,
    /// or the schema evolution from its current schema (add columns, widen, make optional).
    ///
    /// - Throws: ``MeshError/Kind/rejected`` when a column's type cannot change that way in
    ///   Iceberg (only int→long, float→double and wider decimals are possible).
    func planTables(productID: String, contract: DataContract) throws(MeshError) -> [TablePlan] {
        var plans: [TablePlan] = []
        for (object, identifier) in Self.tableIdentifiers(productID: productID, objects: contract.schema.map(\.name)) {
            let schemaObject = contract.object(named: object)!
            let schema = try Self.tableSchema(schemaObject, productID: productID)
            let exists = try read { t throws(CatalogError) in try t.tableMetadataLocation(identifier) } != nil
            guard exists else {
                plans.append(TablePlan(object: object, identifier: identifier, schema: schema, existing: nil, changes: []))
                continue
            }
            let table = try openTable(identifier)
            let wanted: IcebergSchema
            do { wanted = try IcebergSchema(schema) } catch { throw MeshError.warehouse(error, context: identifier) }
            guard let current = table.metadata.currentSchema else {
                throw MeshError(.storage, "the table has no current schema", context: identifier)
            }
            var changes: [SchemaChange] = []
            var problems: [String] = []
            for field in wanted.fields {
                guard let have = current.fields.first(where: { $0.name == field.name }) else {
                    if field.type.isPrimitive {
                        changes.append(.addColumn(name: field.name, type: field.type, doc: field.doc))
                    } else {
                        problems.append("column \(field.name) (\(field.type.name)) cannot be added to an existing table: only scalar columns can be added")
                    }
                    continue
                }
                if have.type != field.type {
                    switch (have.type, field.type) {
                    case (.int, .long), (.float, .double): changes.append(.widenColumn(field.name, to: field.type))
                    case (.decimal(let p, let s), .decimal(let q, let t)) where s == t && q > p: changes.append(.widenColumn(field.name, to: field.type))
                    default:
                        problems.append("column \(field.name) is \(have.type.name) in the table and cannot become \(field.type.name) (Iceberg only widens int→long, float→double and decimal precision)")
                    }
                }
                if have.required { changes.append(.makeOptional(field.name)) }
            }
            if !problems.isEmpty {
                throw MeshError(.rejected, "the contract's schema for \(identifier) cannot be applied to its table; publish it as a new product instead",
                                context: identifier, details: problems)
            }
            plans.append(TablePlan(object: object, identifier: identifier, schema: schema, existing: table, changes: changes))
        }
        return plans
    }

    /// The properties a product's new table starts with.
    ///
    /// Data files are Snappy-compressed Parquet: the codec every Parquet reader defaults to,
    /// and the fastest to write here (our pure-Swift Zstandard encoder is about 4× slower than
    /// libzstd, so the Iceberg default, zstd, would dominate publish time). The property is an
    /// ordinary Iceberg table property; a table set to `zstd` or `gzip` is written that way.
    static func tableProperties(productID: String, object: String) -> [String: String] {
        ["meshwork.product": productID, "meshwork.object": object, "write.parquet.compression-codec": "snappy"]
    }

    /// Creates or evolves the planned tables (each commit moves its pointer in the catalog).
    func applyTablePlans(_ plans: [TablePlan], productID: String) throws(MeshError) {
        for plan in plans {
            do {
                if var table = plan.existing {
                    if !plan.changes.isEmpty { try table.updateSchema(plan.changes) }
                } else {
                    _ = try Table.create(name: StoreCommitter.folder(identifier: plan.identifier), store: warehouse, committer: StoreCommitter(store: store),
                                         schema: plan.schema, properties: Self.tableProperties(productID: productID, object: plan.object))
                }
            } catch {
                throw MeshError.warehouse(error, context: plan.identifier)
            }
        }
    }
}
