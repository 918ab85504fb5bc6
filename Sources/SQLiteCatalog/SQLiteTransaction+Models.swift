import Catalog
import Foundation
import GRDB

extension SQLiteTransaction {
    // MARK: Training sets

    func insertTrainingSet(_ trainingSet: TrainingSetRecord) throws(CatalogError) {
        let inputs = try Stored.json(trainingSet.inputs)
        try run(duplicate: CatalogError(.alreadyExists, "training set '\(trainingSet.name)' already exists", context: trainingSet.name)) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO training_sets(name, spec_yaml, spec_hash, output_table, manifest, content_hash, inputs, owner, built_at, built_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [trainingSet.name, trainingSet.specYAML, trainingSet.specHash, trainingSet.table, trainingSet.manifest,
                            trainingSet.contentHash, inputs, trainingSet.owner, Stored.date(trainingSet.builtAt), trainingSet.builtBy])
        }
    }

    func trainingSet(_ name: String) throws(CatalogError) -> TrainingSetRecord? {
        try run { db in try db.cachedRow(sql: "SELECT * FROM training_sets WHERE name = ?", arguments: [name]).map(TrainingSetRecord.init(row:)) }
    }

    func trainingSets() throws(CatalogError) -> [TrainingSetRecord] {
        try run { db in try db.cachedRows(sql: "SELECT * FROM training_sets ORDER BY name").map(TrainingSetRecord.init(row:)) }
    }

    // MARK: Models

    func insertModel(_ model: ModelRecord) throws(CatalogError) {
        try run(duplicate: CatalogError(.alreadyExists, "model '\(model.name)' already exists", context: model.name),
                missingReference: CatalogError(.invalid, "no training set '\(model.trainingSet)' to register model '\(model.name)' on", context: model.trainingSet)) { db in
            try db.executeCached(
                sql: "INSERT INTO models(name, training_set, metrics, owner, registered_at, registered_by) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [model.name, model.trainingSet, model.metrics, model.owner, Stored.date(model.registeredAt), model.registeredBy])
        }
    }

    func model(_ name: String) throws(CatalogError) -> ModelRecord? {
        try run { db in try db.cachedRow(sql: "SELECT * FROM models WHERE name = ?", arguments: [name]).map(ModelRecord.init(row:)) }
    }

    func models(trainingSet: String?) throws(CatalogError) -> [ModelRecord] {
        let filter = conditions(["training_set": trainingSet])
        return try run { db in
            try db.cachedRows(sql: "SELECT * FROM models" + filter.sql + " ORDER BY name", arguments: filter.arguments).map(ModelRecord.init(row:))
        }
    }
}

extension TrainingSetRecord {
    init(row: Row) throws {
        self.init(name: try row.value("name"), specYAML: try row.value("spec_yaml"), specHash: try row.value("spec_hash"),
                  table: try row.value("output_table"), manifest: try row.value("manifest"), contentHash: try row.value("content_hash"),
                  inputs: try Stored.decode([VersionRef].self, json: try row.value("inputs"), column: "training_sets.inputs"),
                  owner: try row.value("owner"), builtAt: try row.date("built_at"), builtBy: try row.value("built_by"))
    }
}

extension ModelRecord {
    init(row: Row) throws {
        self.init(name: try row.value("name"), trainingSet: try row.value("training_set"), metrics: try row.value("metrics"),
                  owner: try row.value("owner"), registeredAt: try row.date("registered_at"), registeredBy: try row.value("registered_by"))
    }
}
