import Catalog
import Columnar
import Foundation
import Iceberg
import SQLiteCatalog
import Testing
import TestSupport

/// Commits Iceberg tables through a catalog store, as the mesh service does.
struct StoreCommitter: CatalogCommitter {
    let store: any CatalogStore

    func current(table: String) throws(IcebergError) -> String? {
        do {
            return try store.read { tx throws(CatalogError) in try tx.tableMetadataLocation(table) }
        } catch {
            throw IcebergError(.storage, error.message, context: table)
        }
    }

    func swap(table: String, expected: String?, new: String) throws(IcebergError) {
        do {
            try store.write { tx throws(CatalogError) in try tx.swapTableMetadata(table, expected: expected, new: new) }
        } catch {
            throw IcebergError(error.kind == .conflict ? .commitConflict : .storage, error.message, context: table)
        }
    }
}

/// pyiceberg's `SqlCatalog` opens the mesh's catalog file as its own: it lists and loads the
/// tables we commit, and its commits move the same pointers ours do.
@Suite(.enabled(if: Interop.enabled(["pyiceberg", "pyarrow", "sqlalchemy"])))
struct PyIcebergCatalogInteropTests {
    static let schema = Schema([Field("id", .int64, nullable: false), Field("name", .string), Field("score", .double)])

    static func batch(_ ids: Range<Int64>) throws -> RecordBatch {
        var builder = RecordBatchBuilder(schema: schema)
        for i in ids { try builder.append(row: [.int64(i), i % 4 == 0 ? .null : .string("n\(i % 3)"), .double(Double(i) / 4)]) }
        return builder.finish()
    }

    /// Rows as strings the way the Python side prints them: id, name or `null`, repr(score); sorted by id.
    static func rows(_ batches: [RecordBatch]) -> [[String]] {
        batches.flatMap { b in
            (0..<b.count).map { i in
                b.row(i).map { value -> String in
                    switch value {
                    case .int64(let x): String(x)
                    case .string(let s): s
                    case .double(let x): String(x)
                    case .null: "null"
                    default: "\(value)"
                    }
                }
            }
        }.sorted { Int64($0[0])! < Int64($1[0])! }
    }

    /// Opens `argv[1]` (the catalog file) with `SqlCatalog("mesh")`, lists namespaces and tables,
    /// scans payments.transactions, then appends two rows through pyiceberg.
    static let script = """
        import json, sys
        import pyarrow as pa
        from pyiceberg.catalog.sql import SqlCatalog
        catalog = SqlCatalog("mesh", uri="sqlite:///" + sys.argv[1], warehouse="file://" + sys.argv[2])
        def rows(tbl):
            out = [[str(r["id"]), "null" if r["name"] is None else r["name"], repr(float(r["score"]))] for r in tbl.to_pylist()]
            return sorted(out, key=lambda r: int(r[0]))
        table = catalog.load_table("payments.transactions")
        result = {
            "namespaces": sorted(".".join(n) for n in catalog.list_namespaces()),
            "payments": sorted(".".join(t) for t in catalog.list_tables("payments")),
            "refunds": sorted(".".join(t) for t in catalog.list_tables("payments.refunds")),
            "exists": catalog.namespace_exists("payments.refunds"),
            "location": table.metadata_location,
            "rows": rows(table.scan().to_arrow()),
        }
        extra = pa.Table.from_pydict({"id": [1000, 1001], "name": ["py", None], "score": [0.5, 1.25]}, schema=table.schema().as_arrow())
        table.append(extra)
        result["appended"] = catalog.load_table("payments.transactions").metadata_location
        print(json.dumps(result))
        """

    struct Result: Decodable {
        var namespaces: [String]
        var payments: [String]
        var refunds: [String]
        var exists: Bool
        var location: String
        var rows: [[String]]
        var appended: String
    }

    @Test func pyicebergListsLoadsScansAndCommitsTheMeshTables() throws {
        let directory = Interop.temporaryDirectory("mesh-catalog")
        let catalogPath = directory.appendingPathComponent("catalog.sqlite").path
        let warehouse = directory.appendingPathComponent("warehouse")
        try FileManager.default.createDirectory(at: warehouse, withIntermediateDirectories: true)
        let store = try SQLiteCatalogStore(path: catalogPath)
        let files = try LocalFileStore(root: warehouse.path)
        let committer = StoreCommitter(store: store)

        var table = try Table.create(name: "payments.transactions", store: files, committer: committer, schema: Self.schema)
        try table.append([try Self.batch(0..<50)])
        try table.append([try Self.batch(50..<80)])
        _ = try Table.create(name: "payments.refunds.payouts", store: files, committer: committer, schema: Self.schema)
        let ours = Self.rows(try TableScan(table: table).readAll())
        #expect(ours.count == 80)

        let output = try Interop.runPython(Self.script, [catalogPath, warehouse.path])
        let theirs = try JSONDecoder().decode(Result.self, from: Data(output.utf8))
        #expect(theirs.namespaces == ["payments"])
        #expect(theirs.payments == ["payments.transactions"])
        #expect(theirs.refunds == ["payments.refunds.payouts"])
        #expect(theirs.exists)
        #expect(theirs.location == table.metadataLocation)
        #expect(theirs.rows == ours)

        // pyiceberg's commit moved our pointer conditionally, like ours does.
        #expect(try store.read { tx throws(CatalogError) in try tx.tableMetadataLocation("payments.transactions") } == theirs.appended)
        let stale = catalogError { () throws(CatalogError) in
            try store.write { tx throws(CatalogError) in
                try tx.swapTableMetadata("payments.transactions", expected: table.metadataLocation, new: "/elsewhere.json")
            }
        }
        #expect(stale?.kind == .conflict)

        // Our stale table handle loses the race, reloads and appends on top of pyiceberg's commit.
        try table.append([try Self.batch(80..<90)])
        let reloaded = try Table.load(name: "payments.transactions", store: files, committer: committer)
        let all = Self.rows(try TableScan(table: reloaded).readAll())
        #expect(all.count == 92)
        #expect(all.filter { Int64($0[0])! >= 1000 } == [["1000", "py", "0.5"], ["1001", "null", "1.25"]])
        #expect(Array(all.prefix(80)) == ours)
    }
}
