import Columnar
import Foundation
import Testing
import TestSupport
@testable import Iceberg

/// The interpreter with DuckDB's iceberg extension (see ``DuckDBInteropTests``).
enum DuckDBPython {
    static var path: String {
        if let p = ProcessInfo.processInfo.environment["MESH_DUCKDB_PYTHON"], !p.isEmpty { return p }
        return Interop.repositoryRoot.appendingPathComponent(".venv-duckdb/bin/python").path
    }

    /// Always under CI; otherwise when the interpreter has duckdb and its packaged extensions.
    static var enabled: Bool {
        if Interop.required { return true }
        return (try? Interop.run([path, "-c", "import duckdb, duckdb_extensions"])) != nil
    }
}

/// DuckDB's `iceberg_scan` reads the tables we write.
///
/// The shared venv's duckdb 2.0 cannot download extensions offline, so these tests use a
/// second interpreter, `$MESH_DUCKDB_PYTHON` (else `<repo>/.venv-duckdb/bin/python`, created by
/// `.ci/run` from `.ci/requirements-duckdb.txt`), with duckdb 1.5.5 and its iceberg and avro
/// extensions installed as Python packages.
@Suite(.enabled(if: DuckDBPython.enabled))
struct DuckDBInteropTests {
    /// Prints, for `argv[1]` (a metadata.json) and each snapshot id in `argv[2:]`, the rows
    /// `iceberg_scan` returns (sorted by the first column, values as strings).
    static let script = """
    import json, sys
    import duckdb
    from duckdb_extensions import import_extension
    import_extension("avro")
    import_extension("iceberg")
    # A query slower than 2 s (a loaded CI machine) would print a progress bar into stdout.
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute("LOAD iceberg")
    def rows(sql, params):
        out = []
        for r in con.execute(sql, params).fetchall():
            out.append(["null" if v is None else (repr(float(v)) if isinstance(v, float) else str(v)) for v in r])
        return sorted(out, key=lambda r: int(r[0]))
    res = {"current": rows("SELECT id, name, score FROM iceberg_scan(?)", [sys.argv[1]])}
    for s in sys.argv[2:]:
        res[s] = rows("SELECT id, name, score FROM iceberg_scan(?, snapshot_from_id => " + str(int(s)) + ")", [sys.argv[1]])
    print(json.dumps(res))
    """

    func duckdb(_ table: Table, snapshots: [Int64] = []) throws -> [String: [[String]]] {
        let out = try Interop.run([DuckDBPython.path, "-c", Self.script, table.metadataLocation] + snapshots.map(String.init))
        return try JSONDecoder().decode([String: [[String]]].self, from: Data(out.utf8))
    }

    func ours(_ table: Table, _ version: TableScan.Version = .current) throws -> [[String]] {
        rowsJSON(try TableScan(table: table, version: version, columns: ["id", "name", "score"]).readAll())
    }

    func localTable(_ name: String, spec: PartitionSpec = .unpartitioned) throws -> Table {
        let store = try LocalFileStore(root: Interop.temporaryDirectory("iceberg-duckdb-\(name)").path)
        return try Table.create(store: store, schema: try IcebergSchema(sampleSchema), partitionSpec: spec)
    }

    @Test func duckdbReadsAPlainTableAtEverySnapshot() throws {
        var table = try localTable("plain")
        try table.append([try sampleBatch(0..<100)])
        try table.append([try sampleBatch(100..<150)])
        let snapshots = table.metadata.snapshots.map(\.snapshotID)
        let theirs = try duckdb(table, snapshots: snapshots)
        #expect(theirs["current"]?.count == 150)
        #expect(theirs["current"] == (try ours(table)))
        for id in snapshots { #expect(theirs[String(id)] == (try ours(table, .snapshot(id))), "snapshot \(id)") }
    }

    @Test func duckdbReadsPartitionedTables() throws {
        let schema = try IcebergSchema(sampleSchema)
        let identity = PartitionSpec(specID: 0, fields: [PartitionField(sourceID: schema.fields[1].id, fieldID: 1000, name: "name", transform: .identity)])
        var byName = try localTable("identity", spec: identity)
        try byName.append([try sampleBatch(0..<60)])
        try byName.append([try sampleBatch(60..<90)])
        #expect(try TableScan(table: byName).planFiles().count == 8)
        let theirs = try duckdb(byName)
        #expect(theirs["current"]?.count == 90)
        #expect(theirs["current"] == (try ours(byName)))

        let bucket = PartitionSpec(specID: 0, fields: [PartitionField(sourceID: schema.fields[0].id, fieldID: 1000, name: "id_bucket", transform: .bucket(4))])
        var byBucket = try localTable("bucket", spec: bucket)
        try byBucket.append([try sampleBatch(0..<40)])
        #expect(try duckdb(byBucket)["current"] == (try ours(byBucket)))
    }

    @Test func duckdbReadsTablesAfterOverwriteAndDelete() throws {
        var table = try localTable("overwrite")
        try table.append([try sampleBatch(0..<50)])
        try table.append([try sampleBatch(50..<80)])
        try table.overwrite([try sampleBatch(200..<230)])
        try table.append([try sampleBatch(300..<310)])
        try table.deleteFiles { file in (try? file.lowerBound(1, type: .long)) == .long(300) }
        let snapshots = table.metadata.snapshots.map(\.snapshotID)
        let theirs = try duckdb(table, snapshots: snapshots)
        #expect(theirs["current"] == (try ours(table)))
        #expect(theirs["current"]?.count == 30)
        for id in snapshots { #expect(theirs[String(id)] == (try ours(table, .snapshot(id))), "snapshot \(id)") }
    }
}
