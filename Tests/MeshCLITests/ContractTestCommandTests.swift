import Foundation
import Testing
import TestSupport

/// `mesh contract test`, run as the built executable (next to the test bundle).
@Suite("mesh contract test")
struct ContractTestCommandTests {
    static var mesh: String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while url.path != "/" && !FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("mesh").path) {
            url = url.deletingLastPathComponent()
        }
        return url.appendingPathComponent("mesh").path
    }

    static let contract = """
    apiVersion: v3.1.0
    kind: DataContract
    id: risk.scores
    version: 1.0.0
    status: active
    slaProperties:
      - { property: latency, value: 1, unit: d, element: scores.updated_at }
    schema:
      - name: scores
        properties:
          - { name: id, logicalType: integer, primaryKey: true }
          - name: fico
            logicalType: integer
            logicalTypeOptions: { minimum: 300, maximum: 850 }
            quality:
              - { id: fico_nulls, metric: nullValues, mustBe: 0 }
          - name: grade
            logicalType: string
            quality:
              - { id: grade_valid, metric: invalidValues, arguments: { validValues: [A, B, C] }, mustBe: 0, severity: warning }
          - { name: amount, logicalType: number, physicalType: "decimal(10,2)" }
          - { name: updated_at, logicalType: timestamp }
    """

    static func run(_ csv: String, _ extra: [String] = [], format: String = "csv") throws -> (status: Int32, stdout: String) {
        let dir = Interop.temporaryDirectory("mesh-contract-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let contract = dir.appendingPathComponent("contract.yaml"), data = dir.appendingPathComponent("data.\(format)")
        try Self.contract.write(to: contract, atomically: true, encoding: .utf8)
        try csv.write(to: data, atomically: true, encoding: .utf8)
        do {
            let out = try Interop.run([mesh, "contract", "test", contract.path, data.path, "--now", "2026-05-01T18:00:00Z"] + extra)
            return (0, out)
        } catch let failure as ProcessFailure {
            return (failure.status, failure.stdout)
        }
    }

    static let good = """
    id,fico,grade,amount,updated_at
    1,700,A,10.50,2026-05-01T10:00:00Z
    2,640,B,3.25,2026-05-01T11:00:00Z
    3,820,C,,2026-05-01T12:00:00Z

    """

    @Test("conforming CSV exits 0 and prints statistics and every check")
    func passes() throws {
        let (status, out) = try Self.run(Self.good)
        #expect(status == 0)
        #expect(out.contains("Statistics (3 rows)") && out.contains("PASS  freshness") && out.contains("PASS  grade_valid"))
        #expect(out.contains("amount      decimal(10,2)"), "the contract's decimal type is used for CSV")
    }

    @Test("an error-severity failure exits 1; --json reports it with blocking true")
    func fails() throws {
        let bad = Self.good.replacingOccurrences(of: "2,640,B", with: "3,250,Z")
        let (status, out) = try Self.run(bad, ["--json"])
        #expect(status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(json["blocking"] as? Bool == true)
        let results = try #require(json["results"] as? [[String: Any]])
        let failed = Set(results.filter { $0["passed"] as? Bool == false }.compactMap { $0["id"] as? String })
        #expect(failed == ["unique.id", "range.fico", "grade_valid"])
    }

    @Test("JSON Lines input; a warning alone does not block")
    func jsonLines() throws {
        let lines = """
        {"id": 1, "fico": 700, "grade": "A", "amount": 1.5, "updated_at": "2026-05-01T10:00:00Z"}
        {"id": 2, "fico": 710, "grade": "Q", "amount": 2.5, "updated_at": "2026-05-01T10:00:00Z"}

        """
        let (status, out) = try Self.run(lines, format: "jsonl")
        #expect(status == 0)
        #expect(out.contains("WARN  grade_valid"))
    }

    @Test("unreadable inputs exit 2")
    func unreadable() throws {
        let (status, _) = try Self.run(Self.good, ["--baseline", "/nonexistent/profile.json"])
        #expect(status == 2)
    }

    @Test("a Parquet file written by pyarrow is tested with its own types",
          .enabled(if: Interop.enabled(["pyarrow"])))
    func parquet() throws {
        let dir = Interop.temporaryDirectory("mesh-contract-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let contract = dir.appendingPathComponent("contract.yaml"), data = dir.appendingPathComponent("scores.parquet")
        try Self.contract.write(to: contract, atomically: true, encoding: .utf8)
        try Interop.runPython("""
        import sys, datetime, decimal, pyarrow as pa, pyarrow.parquet as pq
        ts = [datetime.datetime(2026, 5, 1, h, tzinfo=datetime.timezone.utc) for h in (10, 11, 12)]
        pq.write_table(pa.table({
            "id": pa.array([1, 2, 3], pa.int64()),
            "fico": pa.array([700, 900, None], pa.int64()),
            "grade": pa.array(["A", "B", "C"]),
            "amount": pa.array([decimal.Decimal("1.50"), None, decimal.Decimal("2.25")], pa.decimal128(10, 2)),
            "updated_at": pa.array(ts, pa.timestamp("us", tz="UTC")),
        }), sys.argv[1])
        """, [data.path])
        var status: Int32 = 0
        var out = ""
        do {
            out = try Interop.run([Self.mesh, "contract", "test", contract.path, data.path, "--now", "2026-05-01T18:00:00Z"])
        } catch let failure as ProcessFailure {
            status = failure.status
            out = failure.stdout
        }
        #expect(status == 1)
        #expect(out.contains("FAIL  range.fico") && out.contains("FAIL  fico_nulls") && out.contains("PASS  schema.amount"))
        #expect(out.contains("decimal(10,2)"))
    }
}

