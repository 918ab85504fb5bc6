import Codecs
import Columnar
import Foundation
import Testing
import TestSupport
@testable import Parquet

/// Files we write are read by pyarrow, polars and DuckDB with identical values; files they
/// write are read by us with identical values.
@Suite("Interop with pyarrow, polars and DuckDB", .enabled(if: Interop.enabled(["pyarrow", "polars", "duckdb"])))
struct InteropTests {
    static let readScript = Canonical.python + "\n" + #"""
import pyarrow.parquet as pq, polars as pl, duckdb
directory = sys.argv[1]
manifest = json.load(open(f'{directory}/manifest.json'))
problems = []
checked = 0
for name, info in manifest.items():
    path = f'{directory}/{name}.parquet'
    expected = json.load(open(f'{directory}/{name}.json'))
    readers = {
        'pyarrow': lambda: pq.read_table(path),
        'polars': lambda: pl.read_parquet(path).to_arrow(),
        'duckdb': lambda: duckdb.sql(f"select * from read_parquet('{path}')").to_arrow_table(),
    }
    for lib, read in readers.items():
        try:
            problems += compare(expected, canon_table(read()), f'{name}/{lib}')
            checked += 1
        except Exception as e:
            problems.append(f'{name}/{lib}: {type(e).__name__}: {e}')
    # Field ids on every field (and list elements).
    schema = pq.read_schema(path)
    for field in schema:
        want = info['ids'][field.name]
        got = int(field.metadata[b'PARQUET:field_id']) if field.metadata and b'PARQUET:field_id' in field.metadata else None
        if got != want[0]:
            problems.append(f'{name}: field {field.name} id {got}, expected {want[0]}')
        if len(want) > 1:
            el = field.type.value_field
            got = int(el.metadata[b'PARQUET:field_id']) if el.metadata and b'PARQUET:field_id' in el.metadata else None
            if got != want[1]:
                problems.append(f'{name}: element of {field.name} id {got}, expected {want[1]}')
    # Chunk statistics agree with the data of each row group.
    pf = pq.ParquetFile(path)
    for g in range(pf.metadata.num_row_groups):
        table = pf.read_row_group(g)
        for j in range(pf.metadata.num_columns):
            col = pf.metadata.row_group(g).column(j)
            cname = col.path_in_schema
            if cname not in ('b', 'i32', 'i64', 'f32', 'f64', 's', 'd', 'dec9', 'dec18', 'dec38', 'bin'):
                continue
            st = col.statistics
            data = table.column(cname)
            if st is None or st.null_count != data.null_count:
                problems.append(f'{name}: rg {g} {cname} null_count {None if st is None else st.null_count} != {data.null_count}')
                continue
            if data.null_count == len(data):
                continue
            mm = pc.min_max(data)
            if not st.has_min_max or st.min != mm['min'].as_py() or st.max != mm['max'].as_py():
                problems.append(f'{name}: rg {g} {cname} stats {st.min!r}..{st.max!r} != {mm["min"].as_py()!r}..{mm["max"].as_py()!r}')
print(json.dumps({'problems': problems[:40], 'checked': checked}))
"""#

    @Test("pyarrow, polars and DuckDB read what we write: all types, nulls, lists, codecs, dictionary and plain")
    func theyReadOurs() throws {
        let dir = Interop.temporaryDirectory("pq-ours")
        defer { try? FileManager.default.removeItem(at: dir) }
        var manifest: [String: Any] = [:]
        for nullable in [true, false] {
            let schema = TestData.schema(nullable: nullable)
            for codec in CompressionCodec.allCases {
                for dictionary in [true, false] {
                    let name = "\(nullable ? "opt" : "req")_\(codec.rawValue)_\(dictionary ? "dict" : "plain")"
                    let batches = [TestData.batch(schema, rows: 600, seed: 11, cardinality: 30), TestData.batch(schema, rows: 400, seed: 12)]
                    let options = ParquetWriterOptions(codec: codec, rowGroupSize: 48 << 10, pageSize: 4096, dictionaryEnabled: dictionary)
                    let path = dir.appendingPathComponent("\(name).parquet").path
                    let writer = try ParquetWriter(schema: schema, options: options, sink: try FileSink(path: path))
                    for b in batches { try writer.write(b) }
                    _ = try writer.close()
                    let all = try RecordBatch.concatenate(batches, schema: schema)
                    try Canonical.write(all, to: dir.appendingPathComponent("\(name).json"))
                    var ids: [String: [Int]] = [:]
                    for f in writer.schema.fields {
                        if case .list(let el) = f.type { ids[f.name] = [Int(f.id!), Int(el.id!)] } else { ids[f.name] = [Int(f.id!)] }
                    }
                    manifest[name] = ["ids": ids]
                }
            }
        }
        try JSONSerialization.data(withJSONObject: manifest).write(to: dir.appendingPathComponent("manifest.json"))
        let output = try Interop.runPython(Self.readScript, [dir.path])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let problems = result["problems"] as? [String] ?? ["no result"]
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(result["checked"] as? Int == manifest.count * 3)
    }
}
