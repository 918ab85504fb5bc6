import Foundation
import Testing
import TestSupport

/// A Python user reads what `mesh publish` wrote, straight from the mesh directory: pyiceberg's
/// `SqlCatalog` opens `catalog.sqlite`, loads the product's table, scans it, and time-travels to
/// a version's tag.
@Suite(.enabled(if: Interop.enabled(["pyiceberg", "pyarrow", "sqlalchemy"])))
struct MeshPythonReadCommandTests {
    static let script = """
        import sys
        from pyiceberg.catalog.sql import SqlCatalog
        mesh = sys.argv[1]
        catalog = SqlCatalog("mesh", uri=f"sqlite:///{mesh}/catalog.sqlite", warehouse=f"file://{mesh}/warehouse")
        print(sorted(".".join(t) for t in catalog.list_tables("payments")))
        table = catalog.load_table("payments.transactions")
        print(table.scan().to_arrow().num_rows)
        v1 = table.snapshot_by_name("v1")
        rows = table.scan(snapshot_id=v1.snapshot_id, selected_fields=("txn_id", "amount")).to_arrow().sort_by("txn_id").to_pylist()
        print(";".join(f"{r['txn_id']}={r['amount']}" for r in rows))
        """

    @Test func pyicebergReadsPublishedVersions() throws {
        let mesh = Interop.temporaryDirectory("mesh-python").appendingPathComponent("mesh").path
        let fixtures = Interop.repositoryRoot.appendingPathComponent("Tests/MeshTests/Fixtures")
        let good = try FixtureTime.recentCopy(of: fixtures.appendingPathComponent("service-transactions-good.csv").path, in: Interop.temporaryDirectory("mesh-python-input"))
        for step in [
            ["init", mesh], ["domain", "create", "payments", "--owner", "payments-team", "--mesh", mesh],
            ["policy", "apply", fixtures.appendingPathComponent("service-policy.yaml").path, "--mesh", mesh],
            ["product", "register", fixtures.appendingPathComponent("service-transactions-1.0.0.yaml").path, "--mesh", mesh],
            ["publish", "payments.transactions", good, "--mesh", mesh], ["publish", "payments.transactions", good, "--mesh", mesh],
        ] {
            let r = try MeshBinary.run(step, environment: ["MESH_PRINCIPAL": ""])
            try #require(r.status == 0, "mesh \(step.joined(separator: " ")): \(r.stderr)")
        }
        let output = try Interop.runPython(Self.script, [mesh]).split(separator: "\n").map(String.init)
        #expect(output == ["['payments.transactions']", "6", "t1=12.5;t2=99.0;t3=3.25"])
    }
}
