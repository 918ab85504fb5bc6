import Columnar
import Foundation
import TestSupport
import Testing
@testable import TextFormats

/// Files written by pandas / pyarrow read by us, and our output read by pandas / pyarrow.
///
/// The fixtures are generated at test time by the reference tools themselves, so there are no
/// checked-in files to go stale. ``framePython`` builds the shared frame and writes
/// `pandas.csv` (`DataFrame.to_csv`), `pandas.jsonl` (`DataFrame.to_json(orient="records",
/// lines=True, date_format="iso", date_unit="us", double_precision=15)`), `python.jsonl`
/// (`json.dumps` per row) and `pyarrow.csv` (`pyarrow.csv.write_csv`); we read them with and
/// without a schema and compare every value. In the other direction our JSON Lines and CSV
/// output is parsed by `pandas.read_json`, `pandas.read_csv` and `pyarrow.csv.read_csv` and
/// compared in Python. Run with `MESH_PYTHON=/work/venv/bin/python swift test --filter TextFormatsTests`.
@Suite struct InteropTests {
    static let rows = 500

    /// Python that builds the shared test frame (nulls every 7th row in x and name).
    static let framePython = #"""
    import datetime, json, sys
    import pandas as pd
    N = int(sys.argv[2])
    base = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    def name(i): return None if i % 7 == 3 else f"name {i}, \"q\" ü😀" + ("\nline2" if i % 5 == 0 else "")
    def x(i): return None if i % 7 == 0 else i * 0.1 + 1 / 3
    def ts(i): return base + datetime.timedelta(microseconds=i * 1234567891)
    df = pd.DataFrame({
        "id": pd.Series(range(N), dtype="int64"),
        "x": pd.Series([x(i) for i in range(N)], dtype="float64"),
        "name": pd.Series([name(i) for i in range(N)], dtype="object"),
        "flag": pd.Series([i % 3 == 0 for i in range(N)], dtype="bool"),
        "ts": pd.Series([ts(i) for i in range(N)]).astype("datetime64[us, UTC]"),
    })
    def micros(i): return (ts(i) - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(microseconds=1)
    """#

    static let expectedSchema = Schema([
        Field("id", .int64), Field("x", .double), Field("name", .string), Field("flag", .boolean),
        Field("ts", .timestamp(unit: .microseconds, utc: true)),
    ])

    static func expectedRow(_ i: Int) -> [Value] {
        let base = micros(2026, 1, 2, 3, 4, 5)
        let name: Value = i % 7 == 3 ? .null : .string("name \(i), \"q\" ü😀" + (i % 5 == 0 ? "\nline2" : ""))
        let x: Value = i % 7 == 0 ? .null : .double(Double(i) * 0.1 + 1.0 / 3.0)
        return [.int64(Int64(i)), x, name, .boolean(i % 3 == 0), .timestamp(base + Int64(i) * 1_234_567_891, .microseconds)]
    }

    @Test(.enabled(if: Interop.enabled(["pandas", "pyarrow"])))
    func readsFilesWrittenByPandasAndPyarrow() throws {
        let dir = Interop.temporaryDirectory("textformats")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Interop.runPython(Self.framePython + "\n" + #"""
        import pyarrow as pa, pyarrow.csv as pacsv
        out = sys.argv[1]
        df.to_csv(out + "/pandas.csv", index=False)
        df.to_json(out + "/pandas.jsonl", orient="records", lines=True, date_format="iso", date_unit="us", double_precision=15)
        with open(out + "/python.jsonl", "w") as f:
            for i in range(N):
                f.write(json.dumps({"id": i, "x": x(i), "name": name(i), "flag": i % 3 == 0, "ts": ts(i).isoformat()}) + "\n")
        pacsv.write_csv(pa.Table.from_pandas(df, preserve_index=False), out + "/pyarrow.csv")
        """#, [dir.path, String(Self.rows)])
        for file in ["pandas.csv", "pandas.jsonl", "python.jsonl", "pyarrow.csv"] {
            let path = dir.appendingPathComponent(file).path
            var options = TextReadOptions()
            options.chunkSize = 4096
            options.batchSize = 100
            for schema in [nil, Self.expectedSchema] {
                var reader = try TextTableReader(path: path, schema: schema, options: options)
                if file.hasSuffix(".csv") {
                    #expect(reader.schema == Self.expectedSchema, "\(file) inferred \(SchemaSpec.format(reader.schema))")
                }
                var i = 0
                while let batch = try reader.next() {
                    for r in 0..<batch.count {
                        var got = batch.row(r)
                        var want = Self.expectedRow(i)
                        if case .double(let d) = got[1], file == "pandas.jsonl" {
                            // pandas' JSON writer prints at most 15 significant digits; allow that rounding.
                            if case .double(let e) = want[1], abs(d - e) <= 1e-14 * max(1, abs(e)) { got[1] = want[1] }
                        }
                        if file.hasSuffix(".jsonl"), schema == nil, case .int64 = got[1] { want[1] = got[1] } // whole-number floats lose ".0"
                        #expect(got == want, "\(file) row \(i)")
                        i += 1
                    }
                }
                #expect(i == Self.rows, "\(file)")
            }
        }
    }

    @Test(.enabled(if: Interop.enabled(["pandas", "pyarrow"])))
    func pandasAndPyarrowReadOurOutput() throws {
        let dir = Interop.temporaryDirectory("textformats")
        defer { try? FileManager.default.removeItem(at: dir) }
        var builder = RecordBatchBuilder(schema: Self.expectedSchema)
        for i in 0..<Self.rows { try builder.append(row: Self.expectedRow(i)) }
        let batch = builder.finish()
        let jsonl = try FileOutput(path: dir.appendingPathComponent("ours.jsonl").path)
        var jw = JSONLinesWriter(output: jsonl, schema: Self.expectedSchema, bufferSize: 1000)
        let csv = try FileOutput(path: dir.appendingPathComponent("ours.csv").path)
        var cw = CSVWriter(output: csv, schema: Self.expectedSchema, bufferSize: 1000)
        for start in stride(from: 0, to: batch.count, by: 64) {
            let part = batch.slice(start..<min(batch.count, start + 64))
            try jw.write(part)
            try cw.write(part)
        }
        try jw.finish()
        try cw.finish()
        let report = try Interop.runPython(Self.framePython + "\n" + #"""
        import math, pyarrow.csv as pacsv
        out = sys.argv[1]
        def check(frame, label):
            assert list(frame.columns) == ["id", "x", "name", "flag", "ts"], (label, list(frame.columns))
            assert len(frame) == N, (label, len(frame))
            for i in range(N):
                r = frame.iloc[i]
                assert int(r["id"]) == i, (label, i, r["id"])
                if x(i) is None: assert pd.isna(r["x"]), (label, i, r["x"])
                else: assert float(r["x"]) == x(i), (label, i, repr(r["x"]), repr(x(i)))
                if name(i) is None: assert pd.isna(r["name"]), (label, i, r["name"])
                else: assert r["name"] == name(i), (label, i, r["name"])
                assert bool(r["flag"]) == (i % 3 == 0), (label, i)
                assert pd.Timestamp(r["ts"]).tz_convert("UTC") == pd.Timestamp(ts(i)), (label, i, r["ts"], ts(i))
        j = pd.read_json(out + "/ours.jsonl", lines=True, dtype=False, precise_float=True)
        j["ts"] = pd.to_datetime(j["ts"], utc=True, format="ISO8601")
        check(j, "pandas jsonl")
        c = pd.read_csv(out + "/ours.csv")
        c["ts"] = pd.to_datetime(c["ts"], utc=True, format="ISO8601")
        check(c, "pandas csv")
        # pyarrow reads empty strings as "" unless told that strings can be null (nulls are empty fields).
        t = pacsv.read_csv(out + "/ours.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=True))
        assert str(t.schema.field("ts").type).startswith("timestamp"), t.schema
        assert t.schema.field("flag").type == "bool" and t.schema.field("id").type == "int64", t.schema
        check(t.to_pandas(), "pyarrow csv")
        print("ok", N)
        """#, [dir.path, String(Self.rows)])
        #expect(report.trimmingCharacters(in: .whitespacesAndNewlines) == "ok \(Self.rows)")
    }
}
