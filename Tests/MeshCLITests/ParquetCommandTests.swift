import Foundation
import Testing
import TestSupport

/// End-to-end tests of `mesh parquet ...` through the built binary.
@Suite struct ParquetCommandTests {
    let dir = Interop.temporaryDirectory("mesh-parquet-cli")

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    let csv = """
        id,name,amount,ts,flag
        1,ann,1.5,2026-01-01T00:00:00Z,true
        2,"bo, b",,2026-01-02T10:00:00.5Z,false
        3,cy,-3.25,2026-01-03T00:00:00Z,

        """

    @Test func convertThenCatRoundTripsRows() throws {
        let input = try write("a.csv", csv)
        let output = dir.appendingPathComponent("a.parquet").path
        let convert = try MeshBinary.run(["parquet", "convert", input, output, "--codec", "zstd"])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stdout.contains("3 rows"))
        let cat = try MeshBinary.run(["parquet", "cat", output])
        #expect(cat.status == 0, "\(cat.stderr)")
        #expect(cat.stdout == """
            {"id":1,"name":"ann","amount":1.5,"ts":"2026-01-01T00:00:00Z","flag":true}
            {"id":2,"name":"bo, b","amount":null,"ts":"2026-01-02T10:00:00.500000Z","flag":false}
            {"id":3,"name":"cy","amount":-3.25,"ts":"2026-01-03T00:00:00Z","flag":null}

            """)
        let csvOut = try MeshBinary.run(["parquet", "cat", output, "--columns", "amount,id", "--format", "csv", "--limit", "2"])
        #expect(csvOut.stdout == "amount,id\n1.5,1\n,2\n")
    }

    @Test func convertWithExplicitSchemaEnforcesTypes() throws {
        let input = try write("b.csv", "id,price\n1,12.30\n2,7\n")
        let output = dir.appendingPathComponent("b.parquet").path
        let ok = try MeshBinary.run(["parquet", "convert", input, output, "--schema", "id:int32!, price:decimal(10,2)"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let cat = try MeshBinary.run(["parquet", "cat", output])
        #expect(cat.stdout == "{\"id\":1,\"price\":12.30}\n{\"id\":2,\"price\":7.00}\n")

        let bad = try write("c.csv", "id,price\n1,12.30\nx,7\n")
        let out2 = dir.appendingPathComponent("c.parquet").path
        let failed = try MeshBinary.run(["parquet", "convert", bad, out2, "--schema", "id:int32!, price:decimal(10,2)"])
        #expect(failed.status != 0)
        #expect(failed.stderr.hasPrefix("error: "))
        #expect(failed.stderr.contains("id"))
        #expect(!FileManager.default.fileExists(atPath: out2), "a failed conversion must leave nothing behind")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func inspectShowsSchemaStatisticsAndFieldIds() throws {
        let input = try write("d.csv", csv)
        let output = dir.appendingPathComponent("d.parquet").path
        _ = try MeshBinary.run(["parquet", "convert", input, output])
        let text = try MeshBinary.run(["parquet", "inspect", output])
        #expect(text.status == 0)
        #expect(text.stdout.contains("field_id=1"))
        #expect(text.stdout.contains("SNAPPY"))
        #expect(text.stdout.contains("min=-3.25, max=1.5"))
        let json = try MeshBinary.run(["parquet", "inspect", output, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["rows"] as? Int == 3)
        let groups = try #require(object["row_groups"] as? [[String: Any]])
        let columns = try #require(groups.first?["columns"] as? [[String: Any]])
        let amount = try #require(columns.first { $0["path"] as? String == "amount" })
        let stats = try #require(amount["statistics"] as? [String: Any])
        #expect(stats["null_count"] as? Int == 1)
        #expect(stats["min"] as? Double == -3.25)
    }

    @Test func badInputsFailWithOneLineErrors() throws {
        let notParquet = try write("x.parquet", "this is not parquet")
        let r = try MeshBinary.run(["parquet", "inspect", notParquet])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: "))
        #expect(r.stderr.split(separator: "\n").count == 1)

        let missing = try MeshBinary.run(["parquet", "cat", dir.appendingPathComponent("nope.parquet").path])
        #expect(missing.status == 1)

        let ragged = try write("r.csv", "a,b\n1,2\n3\n")
        let rr = try MeshBinary.run(["parquet", "convert", ragged, dir.appendingPathComponent("r.parquet").path])
        #expect(rr.status == 1)
        #expect(rr.stderr.contains("r.csv"))

        let input = try write("e.csv", csv)
        let output = dir.appendingPathComponent("e.parquet").path
        _ = try MeshBinary.run(["parquet", "convert", input, output])
        let unknown = try MeshBinary.run(["parquet", "cat", output, "--columns", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("nope"))
    }

    @Test func catWhereFiltersRowsThenLimits() throws {
        let input = try write("w.csv", csv)
        let output = dir.appendingPathComponent("w.parquet").path
        let convert = try MeshBinary.run(["parquet", "convert", input, output])
        #expect(convert.status == 0, "\(convert.stderr)")

        let some = try MeshBinary.run(["parquet", "cat", output, "--where", "amount > 0 OR name = 'cy'"])
        #expect(some.status == 0, "\(some.stderr)")
        #expect(some.stdout == """
            {"id":1,"name":"ann","amount":1.5,"ts":"2026-01-01T00:00:00Z","flag":true}
            {"id":3,"name":"cy","amount":-3.25,"ts":"2026-01-03T00:00:00Z","flag":null}

            """)
        // Filter columns need not be printed; --limit counts rows after filtering.
        let projected = try MeshBinary.run([
            "parquet", "cat", output, "--columns", "name", "--format", "csv", "--limit", "1",
            "--where", "ts >= TIMESTAMP '2026-01-02T00:00:00Z' AND flag IS NOT NULL",
        ])
        #expect(projected.status == 0, "\(projected.stderr)")
        #expect(projected.stdout == "name\n\"bo, b\"\n")
        let nulls = try MeshBinary.run(["parquet", "cat", output, "--columns", "id", "--where", "NOT (amount IS NOT NULL) OR id IN (3)"])
        #expect(nulls.stdout == "{\"id\":2}\n{\"id\":3}\n")
        let limited = try MeshBinary.run(["parquet", "cat", output, "--columns", "id", "--where", "id >= 2", "--limit", "1"])
        #expect(limited.stdout == "{\"id\":2}\n")
        let none = try MeshBinary.run(["parquet", "cat", output, "--format", "csv", "--where", "id BETWEEN 10 AND 20"])
        #expect(none.status == 0)
        #expect(none.stdout == "id,name,amount,ts,flag\n")
    }

    @Test func catWherePrunesRowGroupsOfALargerFile() throws {
        var text = "k,v\n"
        for k in 0..<20_000 { text += "\(k),\(k % 7 == 0 ? "" : "v\(k)")\n" }
        let input = try write("big.csv", text)
        let output = dir.appendingPathComponent("big.parquet").path
        let convert = try MeshBinary.run(["parquet", "convert", input, output, "--row-group-size", "16384"])
        #expect(convert.status == 0, "\(convert.stderr)")
        let inspect = try MeshBinary.run(["parquet", "inspect", output, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect((object["row_groups"] as? [Any])?.count ?? 0 > 2, "the file should have several row groups to prune")
        // 12348 is a multiple of 7, so its v is null.
        let cat = try MeshBinary.run(["parquet", "cat", output, "--where", "k BETWEEN 12345 AND 12350 AND v IS NOT NULL"])
        #expect(cat.status == 0, "\(cat.stderr)")
        #expect(cat.stdout == """
            {"k":12345,"v":"v12345"}
            {"k":12346,"v":"v12346"}
            {"k":12347,"v":"v12347"}
            {"k":12349,"v":"v12349"}
            {"k":12350,"v":"v12350"}

            """)
    }

    @Test func catWhereReportsBadFiltersWithTheirPosition() throws {
        let input = try write("bad-where.csv", csv)
        let output = dir.appendingPathComponent("bad-where.parquet").path
        _ = try MeshBinary.run(["parquet", "convert", input, output])
        let unknown = try MeshBinary.run(["parquet", "cat", output, "--where", "amout > 1"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: filter: unknown column 'amout' at position 1 (columns: id, name, amount, ts, flag)\n")
        let malformed = try MeshBinary.run(["parquet", "cat", output, "--where", "id > 1 AND amount >="])
        #expect(malformed.status == 1)
        #expect(malformed.stderr == "error: filter: expected a value after '>=' at position 21\n")
        #expect(malformed.stdout.isEmpty)
    }
}
