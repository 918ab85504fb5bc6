import Columnar
import Governance
import Iceberg

/// A streaming read of one version of a data product: projected, filtered (by the ``Iceberg/TableScan``:
/// file and row-group pruning, then exact row filtering), limited and with the
/// reader's column access applied (dropped columns removed, masked columns masked, see
/// ``ColumnMask`` and docs/governance.md).
///
/// ```swift
/// var reader = try ProductReader.open(ReadRequest(columns: ["id", "email"], filter: "amount > 10", limit: 100), table: table)
/// while let batch = try reader.next() { print(batch.count) }
/// ```
///
/// Columns named in `columns` or in the filter must exist in the version read; otherwise the
/// error names the column and lists the available ones. A dropped column cannot be requested,
/// and neither a dropped nor a masked column can be filtered on (the filter would reveal the
/// values): both are ``MeshError/Kind/forbidden``.
public struct ProductReader {
    /// The output schema: requested columns in order, dropped columns gone, masked columns as they come out.
    public let schema: Schema
    /// The snapshot read (`nil` for a product without data).
    public let snapshotID: Int64?
    var batches: TableScanIterator
    /// Per output column, its index in the scanned batches and whether it is masked.
    let outputs: [(index: Int, masked: Bool)]
    var remaining: Int?

    /// Plans the read of `request` on `table`.
    public static func open(_ request: ReadRequest, table: Table) throws(MeshError) -> ProductReader {
        let version: TableScan.Version = request.snapshotID.map { .snapshot($0) } ?? .current
        let full = try PublishPipeline.iceberg { () throws(IcebergError) -> Schema in
            try TableScan(table: table, version: version).outputSchema()
        }
        if let limit = request.limit, limit < 0 {
            throw MeshError(.invalidInput, "the limit must not be negative (got \(limit))", context: "limit")
        }
        var actions: [String: ColumnAccess] = [:]
        for access in request.access { actions[access.column] = access }
        let visible = full.names.filter { actions[$0]?.action != .drop }
        let requested = request.columns ?? visible
        var seen: Set<String> = []
        for name in requested {
            guard full.index(of: name) != nil else {
                throw MeshError(.invalidInput, "unknown column '\(name)' (available: \(visible.joined(separator: ", ")))", context: name)
            }
            if let access = actions[name], access.action == .drop {
                throw MeshError(.forbidden, "column '\(name)' is withheld from this reader (\(access.reason)); available: \(visible.joined(separator: ", "))",
                                context: name)
            }
            guard seen.insert(name).inserted else {
                throw MeshError(.invalidInput, "column '\(name)' is requested twice", context: name)
            }
        }
        var filter: FilterPredicate?
        if let text = request.filter, !text.trimmingCharacters(in: .whitespaces).isEmpty {
            do { filter = try FilterPredicate.parse(text, schema: full) } catch {
                throw MeshError(.invalidInput, error.message, context: "filter")
            }
            for name in filter!.columns.sorted() {
                if let access = actions[name], access.action != .show {
                    throw MeshError(.forbidden, "column '\(name)' is \(access.action == .drop ? "withheld" : "masked") for this reader (\(access.reason)) and cannot be filtered on",
                                    context: name)
                }
            }
        }
        // The scan prunes files and row groups, filters rows exactly and reads the filter's columns itself.
        let scan = try PublishPipeline.iceberg { () throws(IcebergError) -> TableScan in
            try TableScan(table: table, version: version, columns: requested, filter: filter)
        }
        let scanSchema = try PublishPipeline.iceberg { () throws(IcebergError) -> Schema in try scan.outputSchema() }
        var fields: [Field] = []
        var outputs: [(index: Int, masked: Bool)] = []
        for name in requested {
            let index = scanSchema.index(of: name)!
            let masked = actions[name]?.action == .mask
            fields.append(masked ? ColumnMask.field(scanSchema.fields[index]) : scanSchema.fields[index])
            outputs.append((index, masked))
        }
        let iterator = try PublishPipeline.iceberg { () throws(IcebergError) -> TableScanIterator in try scan.batches() }
        return ProductReader(schema: Schema(fields), snapshotID: scan.snapshot?.snapshotID, batches: iterator, outputs: outputs,
                             remaining: request.limit)
    }

    /// The next batch, or `nil` at the end (or once the limit is reached).
    public mutating func next() throws(MeshError) -> RecordBatch? {
        while true {
            if let remaining, remaining <= 0 { return nil }
            guard var batch = try PublishPipeline.iceberg({ () throws(IcebergError) -> RecordBatch? in try batches.next() }) else {
                remaining = 0
                return nil
            }
            if batch.count == 0 { continue }
            if let limit = remaining {
                if batch.count > limit { batch = batch.slice(0..<limit) }
                remaining = limit - batch.count
            }
            let columns = outputs.map { output in
                output.masked ? ColumnMask.apply(batch.columns[output.index]) : batch.columns[output.index]
            }
            return RecordBatch(unchecked: schema, columns: columns, count: batch.count)
        }
    }

    /// Every remaining batch (for small reads and tests).
    public mutating func readAll() throws(MeshError) -> [RecordBatch] {
        var out: [RecordBatch] = []
        while let batch = try next() { out.append(batch) }
        return out
    }
}
