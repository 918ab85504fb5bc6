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

    @Test("pyarrow, polars and DuckDB read what we write: all types, nulls, lists, codecs, dictionary and plain, page v1 and v2, delta and byte-stream-split encodings")
    func theyReadOurs() throws {
        let dir = Interop.temporaryDirectory("pq-ours")
        defer { try? FileManager.default.removeItem(at: dir) }
        var manifest: [String: Any] = [:]
        for nullable in [true, false] {
            let schema = TestData.schema(nullable: nullable)
            for codec in CompressionCodec.allCases {
                for (dictionary, version, delta) in [(true, DataPageVersion.v1, false), (false, .v1, false), (codec == .zstd, .v2, false),
                                                     (false, codec == .gzip ? .v2 : .v1, true)] {
                    let name = "\(nullable ? "opt" : "req")_\(codec.rawValue)_\(dictionary ? "dict" : "plain")\(version == .v2 ? "_v2" : "")\(delta ? "_delta" : "")"
                    let batches = [TestData.batch(schema, rows: 600, seed: 11, cardinality: 30), TestData.batch(schema, rows: 400, seed: 12)]
                    let options = ParquetWriterOptions(codec: codec, rowGroupSize: 48 << 10, pageSize: 4096, dictionaryEnabled: dictionary,
                                                       dataPageVersion: version, columnEncodings: delta ? RoundTripTests.portableDeltaEncodings : [:])
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

    static let compareScript = Canonical.python + "\n" + #"""
import pyarrow.parquet as pq
directory = sys.argv[1]
names = json.loads(sys.argv[2])
problems = []
for name in names:
    expected = canon_table(pq.read_table(f'{directory}/{name}.parquet'))
    ours = json.load(open(f'{directory}/{name}.ours.json'))
    problems += compare(expected, ours, name)
    if set(expected) != set(ours):
        problems.append(f'{name}: columns {sorted(ours)} != {sorted(expected)}')
print(json.dumps(problems[:40]))
"""#

    static var generator: String {
        Interop.repositoryRoot.appendingPathComponent("Tests/ParquetTests/Fixtures/generate_interop.py").path
    }

    @Test("we read what pyarrow, polars and DuckDB write: codecs, v2 pages, delta/BSS encodings, INT96, decimals, lists")
    func weReadTheirs() throws {
        let dir = Interop.temporaryDirectory("pq-theirs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let listing = try Interop.run(Interop.python.split(separator: " ").map(String.init) + [Self.generator, dir.path, "3000"])
        let names = try #require(try JSONSerialization.jsonObject(with: Data(listing.utf8)) as? [String])
        #expect(names.count == 11)
        for name in names {
            let reader = try ParquetFileReader(path: dir.appendingPathComponent("\(name).parquet").path)
            #expect(reader.unsupportedColumns.isEmpty, "\(name): \(reader.unsupportedColumns)")
            let batch = try reader.read()
            #expect(batch.count == 3000, "\(name)")
            try Canonical.write(batch, to: dir.appendingPathComponent("\(name).ours.json"))
            // Streaming yields the same rows, one row group at a time.
            var it = try reader.batches()
            var rows = 0
            while let b = try it.next() { rows += b.count }
            #expect(rows == 3000)
        }
        let data = try JSONSerialization.data(withJSONObject: names)
        let output = try Interop.runPython(Self.compareScript, [dir.path, String(decoding: data, as: UTF8.self)])
        let problems = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String])
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("statistics of pyarrow files decode to the right values and prune row groups")
    func theirStatistics() throws {
        let dir = Interop.temporaryDirectory("pq-stats")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = #"""
import sys, pyarrow as pa, pyarrow.parquet as pq
t = pa.table({'k': pa.array(range(3000), pa.int64()), 's': pa.array([f'{i:05d}' for i in range(3000)]),
              'n': pa.array([None if i < 1000 else float(i) for i in range(3000)])})
pq.write_table(t, sys.argv[1], row_group_size=1000)
"""#
        let path = dir.appendingPathComponent("stats.parquet").path
        try Interop.runPython(script, [path])
        let reader = try ParquetFileReader(path: path)
        #expect(reader.rowGroupCount == 3)
        let stats = try reader.rowGroupStatistics(1)
        #expect(stats["k"]?.min == .int64(1000))
        #expect(stats["k"]?.max == .int64(1999))
        #expect(stats["s"]?.min == .string("01000"))
        #expect(stats["n"]?.nullCount == 0)
        #expect(try reader.rowGroupStatistics(0)["n"]?.nullCount == 1000)
        #expect(reader.prunedRowGroups(.equal("k", .int64(2500))) == [2])
        #expect(reader.prunedRowGroups(.between("k", .int32(500), .int64(1500))) == [0, 1])
        #expect(reader.prunedRowGroups(.isNull("n")) == [0])
        #expect(reader.prunedRowGroups(.greaterThanOrEqual("s", .string("02"))) == [2])
    }
}
