import Columnar
import Foundation
import Parquet
import Testing
import TestSupport
@testable import Iceberg

/// Rows of a scan as JSON-comparable arrays `[id, name, score]`, sorted by id.
func rowsJSON(_ batches: [RecordBatch]) -> [[String]] {
    var rows: [[String]] = []
    for b in batches {
        for i in 0..<b.count {
            rows.append(b.row(i).map { v -> String in
                switch v {
                case .null: "null"
                case .int64(let x): String(x)
                case .int32(let x): String(x)
                case .double(let x): String(x)
                case .float(let x): String(Double(x))
                case .string(let s): s
                default: "\(v)"
                }
            })
        }
    }
    return rows.sorted { Int64($0[0])! < Int64($1[0])! }
}

/// pyiceberg reads the tables we write, and we read the tables pyiceberg writes.
@Suite(.enabled(if: Interop.enabled(["pyiceberg", "pyarrow"])))
struct TableInteropTests {
    /// Prints, for `argv[1]` (a metadata.json) and each snapshot id or ref name in `argv[2:]`,
    /// the rows pyiceberg's `StaticTable` scan returns (sorted, as strings).
    static let readScript = """
    import json, sys
    from pyiceberg.table import StaticTable
    t = StaticTable.from_metadata(sys.argv[1])
    def rows(tbl):
        cols = tbl.column_names
        out = []
        for r in tbl.to_pylist():
            out.append(["null" if r[c] is None else (repr(float(r[c])) if isinstance(r[c], float) else str(r[c])) for c in cols])
        return sorted(out, key=lambda r: int(r[0]))
    res = {"current": rows(t.scan().to_arrow())}
    for arg in sys.argv[2:]:
        if arg.lstrip("-").isdigit():
            res[arg] = rows(t.scan(snapshot_id=int(arg)).to_arrow())
        else:
            res[arg] = rows(t.scan(snapshot_id=t.snapshot_by_name(arg).snapshot_id).to_arrow())
    print(json.dumps(res))
    """

    func pyiceberg(_ table: Table, _ versions: [String]) throws -> [String: [[String]]] {
        let out = try Interop.runPython(Self.readScript, [table.metadataLocation] + versions)
        return try JSONDecoder().decode([String: [[String]]].self, from: Data(out.utf8))
    }

    func ours(_ table: Table, _ version: TableScan.Version) throws -> [[String]] {
        rowsJSON(try TableScan(table: table, version: version).readAll())
    }

    @Test func pyicebergReadsOurTablesAtEverySnapshot() throws {
        let store = try LocalFileStore(root: Interop.temporaryDirectory("iceberg-ours").path)
        var table = try Table.create(store: store, schema: sampleSchema)
        try table.append([try sampleBatch(0..<100)])
        try table.append([try sampleBatch(100..<130)])
        try table.tag("v1")
        try table.overwrite([try sampleBatch(200..<220)])
        try table.createBranch("audit")
        try table.append([try sampleBatch(300..<310)], branch: "audit")
        try table.append([try sampleBatch(400..<405)])
        try table.deleteFiles { file in (try? file.lowerBound(1, type: .long)) == .long(400) }
        let versions = table.metadata.snapshots.map { String($0.snapshotID) } + ["v1", "audit"]
        let theirs = try pyiceberg(table, versions)
        #expect(theirs["current"] == (try ours(table, .current)))
        #expect(theirs["current"]?.count == 20)
        for s in table.metadata.snapshots {
            #expect(theirs[String(s.snapshotID)] == (try ours(table, .snapshot(s.snapshotID))), "snapshot \(s.snapshotID)")
        }
        #expect(theirs["v1"] == (try ours(table, .ref("v1"))))
        #expect(theirs["v1"]?.count == 130)
        #expect(theirs["audit"] == (try ours(table, .ref("audit"))))
        #expect(theirs["audit"]?.count == 30)

        // After expiry, the remaining snapshots still read the same in both.
        Thread.sleep(forTimeInterval: 0.005)
        try table.expireSnapshots(olderThan: nowMs())
        let after = try pyiceberg(table, table.metadata.snapshots.map { String($0.snapshotID) } + ["v1", "audit"])
        #expect(after["audit"] == (try ours(table, .ref("audit"))))
        #expect(after["current"] == (try ours(table, .current)))
        #expect(after["v1"] == (try ours(table, .ref("v1"))))
        for s in table.metadata.snapshots {
            #expect(after[String(s.snapshotID)] == (try ours(table, .snapshot(s.snapshotID))))
        }
    }

    @Test func pyicebergReadsOurPartitionedTable() throws {
        let store = try LocalFileStore(root: Interop.temporaryDirectory("iceberg-part").path)
        let schema = try IcebergSchema(sampleSchema)
        let spec = PartitionSpec(specID: 0, fields: [
            PartitionField(sourceID: schema.fields[1].id, fieldID: 1000, name: "name", transform: .identity),
            PartitionField(sourceID: schema.fields[0].id, fieldID: 1001, name: "id_bucket", transform: .bucket(4)),
        ])
        var table = try Table.create(store: store, schema: schema, partitionSpec: spec)
        let s1 = try table.append([try sampleBatch(0..<60)])
        try table.overwritePartitions([try sampleBatch(60..<64)])
        let theirs = try pyiceberg(table, [String(s1.snapshotID)])
        #expect(theirs["current"] == (try ours(table, .current)))
        #expect(theirs[String(s1.snapshotID)] == (try ours(table, .snapshot(s1.snapshotID))))
        #expect(theirs[String(s1.snapshotID)]?.count == 60)
    }

    @Test func pyicebergReadsOurTableAfterSchemaEvolution() throws {
        let store = try LocalFileStore(root: Interop.temporaryDirectory("iceberg-evo").path)
        let schema = Schema([Field("id", .int32, nullable: false), Field("label", .string), Field("x", .float, nullable: false)])
        var table = try Table.create(store: store, schema: schema)
        var b = RecordBatchBuilder(schema: schema)
        for i in 0..<5 { try b.append(row: [.int32(Int32(i)), i == 2 ? .null : .string("l\(i)"), .float(Float(i) / 4)]) }
        let s1 = try table.append([b.finish()])
        let evolved = try table.updateSchema([
            .renameColumn("label", to: "name"), .widenColumn("id", to: .long), .widenColumn("x", to: .double),
            .makeOptional("x"), .addColumn(name: "extra", type: .string),
        ])
        var n = RecordBatchBuilder(schema: try evolved.columnarSchema())
        try n.append(row: [.int64(10), .string("new"), .null, .string("e")])
        try table.append([n.finish()])
        let theirs = try pyiceberg(table, [String(s1.snapshotID)])
        #expect(theirs["current"] == (try ours(table, .current)))
        #expect(theirs["current"]?.count == 6)
        #expect(theirs["current"]?.first?.count == 4)
        #expect(theirs[String(s1.snapshotID)] == (try ours(table, .snapshot(s1.snapshotID))))
    }

    /// Writes tables with pyiceberg's SqlCatalog (sqlite, local warehouse) and prints their
    /// metadata locations and rows.
    static let writeScript = """
    import json, sys
    import pyarrow as pa
    from pyiceberg.catalog.sql import SqlCatalog
    from pyiceberg.partitioning import PartitionSpec, PartitionField
    from pyiceberg.transforms import IdentityTransform
    from pyiceberg.schema import Schema
    from pyiceberg.types import NestedField, LongType, StringType, DoubleType
    wh = sys.argv[1]
    cat = SqlCatalog("t", uri=f"sqlite:///{wh}/catalog.db", warehouse=f"file://{wh}")
    cat.create_namespace("db")
    schema = Schema(NestedField(1, "id", LongType(), required=True), NestedField(2, "name", StringType()), NestedField(3, "score", DoubleType()))
    arrow_schema = pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("name", pa.string()), pa.field("score", pa.float64())])
    def batch(lo, hi):
        return pa.table({"id": list(range(lo, hi)), "name": [None if i % 5 == 0 else f"n{i % 3}" for i in range(lo, hi)],
                         "score": [i / 2 for i in range(lo, hi)]}, schema=arrow_schema)
    plain = cat.create_table("db.plain", schema=schema)
    plain.append(batch(0, 50)); plain.append(batch(50, 70))
    part = cat.create_table("db.part", schema=schema, partition_spec=PartitionSpec(PartitionField(2, 1000, IdentityTransform(), "name")))
    part.append(batch(0, 40))
    evo = cat.create_table("db.evo", schema=schema)
    evo.append(batch(0, 10))
    with evo.update_schema() as u:
        u.rename_column("score", "points")
        u.add_column("extra", StringType())
    evo = cat.load_table("db.evo")
    evo.append(pa.table({"id": [100, 101], "name": ["a", None], "points": [1.5, None], "extra": ["x", "y"]},
                        schema=pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("name", pa.string()),
                                          pa.field("points", pa.float64()), pa.field("extra", pa.string())])))
    out = {}
    for name in ["plain", "part", "evo"]:
        t = cat.load_table("db." + name)
        tbl = t.scan().to_arrow()
        rows = [["null" if r[c] is None else (repr(float(r[c])) if isinstance(r[c], float) else str(r[c])) for c in tbl.column_names] for r in tbl.to_pylist()]
        out[name] = {"metadata": t.metadata_location, "rows": sorted(rows, key=lambda r: int(r[0]))}
    print(json.dumps(out))
    """

    struct Written: Decodable { let metadata: String; let rows: [[String]] }

    @Test func weReadTablesWrittenByPyiceberg() throws {
        let warehouse = Interop.temporaryDirectory("iceberg-theirs").path
        let out = try Interop.runPython(Self.writeScript, [warehouse])
        let written = try JSONDecoder().decode([String: Written].self, from: Data(out.utf8))
        let store = try LocalFileStore(root: warehouse)
        for name in ["plain", "part", "evo"] {
            let w = try #require(written[name])
            let table = try Table.open(metadataLocation: w.metadata, store: store)
            let rows = rowsJSON(try TableScan(table: table).readAll())
            #expect(rows == w.rows, "table \(name)")
            #expect(!rows.isEmpty)
        }
        let evo = try Table.open(metadataLocation: try #require(written["evo"]).metadata, store: store)
        #expect(try TableScan(table: evo).outputSchema().names == ["id", "name", "points", "extra"])
    }
}
