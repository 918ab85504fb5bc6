import ArgumentParser
import Columnar
import Contracts
import Foundation
import Parquet
import Quality
import TextFormats

/// Streams a data file through a ``ContractEvaluator``.
///
/// Parquet is read with its own schema. CSV and JSON Lines are read with the contract's types for
/// the columns it declares (so `decimal(10,2)` or `i32` columns are checked as such); when a
/// value does not parse as the declared type, the file is re-read with inferred types and the
/// schema check reports the mismatch.
struct DataFileEvaluation {
    let path: String
    let contract: DataContract
    let options: QualityOptions

    func run() throws -> QualityReport {
        if path.lowercased().hasSuffix(".parquet") { return try parquet() }
        guard TextFormat.detect(path: path) != nil else {
            throw ValidationError("cannot tell the format of '\(path)'; use .csv, .tsv, .jsonl, .ndjson or .parquet")
        }
        return try text()
    }

    func parquet() throws -> QualityReport {
        let reader = try ParquetFileReader(path: path)
        var evaluator = try ContractEvaluator(contract: contract, schema: reader.schema, options: options)
        var batches = try reader.batches()
        while let batch = try batches.next() { try evaluator.add(batch) }
        return evaluator.finish()
    }

    func text() throws -> QualityReport {
        let inferred = try TextTableReader(path: path).schema
        let objectName = options.object ?? contract.schema.first?.name
        guard let object = objectName.flatMap(contract.object(named:)) else {
            // Let the evaluator report the missing object.
            _ = try ContractEvaluator(contract: contract, schema: inferred, options: options)
            throw ValidationError("the contract has no schema object to test against")
        }
        let coerced = ContractSchema.coercionSchema(inferred, object: object)
        do {
            return try evaluate(schema: coerced)
        } catch let error as TextFormatError where coerced != inferred {
            FileHandle.standardError.write(Data("mesh contract test: note: \(error); checking with inferred types instead\n".utf8))
            return try evaluate(schema: inferred)
        }
    }

    func evaluate(schema: Schema) throws -> QualityReport {
        var reader = try TextTableReader(path: path, schema: schema)
        var evaluator = try ContractEvaluator(contract: contract, schema: reader.schema, options: options)
        while let batch = try reader.next() { try evaluator.add(batch) }
        return evaluator.finish()
    }
}
