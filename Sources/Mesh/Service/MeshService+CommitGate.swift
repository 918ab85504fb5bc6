import Columnar
import Contracts
import Foundation
import Iceberg
import Quality

extension MeshService {
    /// Runs the publish gate over the rows an engine commit appends to `main`.
    ///
    /// Opens the proposed metadata (written, not yet current), requires every snapshot between
    /// `from` and `to` to be an `append`, streams the data files those snapshots added (found
    /// through their manifests) through the contract's ``ContractEvaluator`` — the schema,
    /// required columns, quality rules, glossary and policy constraints, drift — and returns the
    /// outcome a publish would have.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` when `main` does not move forward by appends.
    static func evaluateCommit(location: String, store: any ObjectStore, from: Int64?, to: Int64, contract: DataContract,
                               options: QualityOptions, identifier: String) throws(MeshError) -> PublishOutcome {
        do {
            let table = try Table.open(metadataLocation: location, store: store)
            let chain = table.metadata.ancestors(of: to)
            let stop = from.flatMap { id in chain.firstIndex { $0.snapshotID == id } } ?? chain.count
            if from != nil, stop == chain.count {
                throw MeshError(.invalidInput, "main may only move forward: snapshot \(to) does not descend from the current snapshot \(from!)", context: identifier)
            }
            let added = chain[..<stop]
            if let other = added.first(where: { $0.operation != .append }) {
                throw MeshError(.invalidInput, "snapshot \(other.snapshotID) is a \(other.operation.rawValue); the catalog accepts appends only (replace data with `mesh publish --mode overwrite`)",
                                context: identifier)
            }
            var rows: TableScanIterator
            if let from {
                rows = try TableScan.appendedRows(table: table, from: from, to: to)
            } else {
                rows = try TableScan(table: table, version: .snapshot(to)).batches()
            }
            var evaluator: ContractEvaluator
            do { evaluator = try ContractEvaluator(contract: contract, schema: rows.schema, options: options) } catch {
                throw MeshError(.invalidInput, "cannot check the commit against the contract: \(error)", context: identifier)
            }
            var count: Int64 = 0
            while let batch = try rows.next() {
                count += Int64(batch.count)
                do { try evaluator.add(batch) } catch { throw MeshError(.invalidInput, "cannot check the commit's rows: \(error)", context: identifier) }
            }
            let report = evaluator.finish()
            let files = try from.map { try TableScan.appendedFiles(table: table, from: $0, to: to) } ?? TableScan(table: table, version: .snapshot(to)).planFiles()
            let total = Int64(table.metadata.snapshot(id: to)?.summary["total-records"] ?? "") ?? count
            return PublishOutcome(accepted: !report.blocking, report: report, profile: evaluator.profile, snapshotID: report.blocking ? nil : to,
                                  addedRows: count, totalRows: total, newestEventTime: evaluator.profile.newestEventTime, dataFiles: files.map(\.filePath))
        } catch let error as MeshError {
            throw error
        } catch let error as IcebergError {
            throw MeshError.warehouse(error, context: identifier)
        } catch {
            throw MeshError(.storage, "\(error)", context: identifier)
        }
    }
}
