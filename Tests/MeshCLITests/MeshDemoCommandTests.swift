import Foundation
import Testing
import TestSupport

/// `mesh demo` end to end through the built binary: the story it tells happened in the mesh it
/// leaves, which the other commands can then explore, and pyiceberg can read.
@Suite(.serialized) struct MeshDemoCommandTests {
    @Test func theDemoBuildsAMeshThatTheOtherCommandsExplore() throws {
        let root = Interop.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("demo").path
        let demo = try MeshBinary.run(["demo", dir])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("REJECTED payments.transactions"))
        #expect(demo.stdout.contains("schema drift"))
        #expect(demo.stdout.contains("REJECTED customers.profiles"))
        #expect(demo.stdout.contains("expected every value in [300, 850]"))

        let env = ["MESH_DIR": dir]
        // The drift rejection reached the producer and both consumers of payments.transactions.
        for team in ["payments-data", "fraud-ml", "recommendations-ml"] {
            let events = try MeshBinary.run(["events", "--consumer", team, "--json"], environment: env)
            #expect(events.status == 0, "\(events.stderr)")
            #expect(events.stdout.contains("publish.rejected") && events.stdout.contains("payments.transactions"), "\(team): \(events.stdout)")
        }
        // The fico_score rejection reached the producer and the risk team.
        let risk = try MeshBinary.run(["events", "--consumer", "risk-ml", "--json"], environment: env)
        #expect(risk.stdout.contains("customers.profiles") && risk.stdout.contains("fico_score"))

        // The rejected drift made no version: v3 is the later good batch (transactions-4.csv),
        // and v2 is the version the demo revoked.
        let versions = try MeshBinary.run(["versions", "payments.transactions", "--json"], environment: env)
        #expect(versions.status == 0, "\(versions.stderr)")
        let listed = try #require(JSONSerialization.jsonObject(with: Data(versions.stdout.utf8)) as? [[String: Any]])
        #expect(listed.map { $0["tag"] as? String } == ["v1", "v2", "v3"])
        #expect(listed.map { $0["added_rows"] as? Int } == [20_000, 20_000, 20_000])
        #expect(listed.map { $0["status"] as? String } == ["published", "revoked", "published"])

        // The ML story: a training set across three domains, a model, a replay with the same
        // hash, and the revocation reaching the model's owner.
        #expect(demo.stdout.contains("matches the original exactly"))
        #expect(demo.stdout.contains("upstream.revoked model:offer-ranker → recommendations-ml"))
        let feed = try MeshBinary.run(["events", "--consumer", "recommendations-ml"], environment: env)
        #expect(feed.stdout.contains("model:offer-ranker") && feed.stdout.contains("trainset:spend-propensity"), "\(feed.stdout)")
        let lineage = try MeshBinary.run(["lineage", "model:offer-ranker", "--upstream"], environment: env)
        #expect(lineage.status == 0, "\(lineage.stderr)")
        for input in ["payments.transactions@2", "customers.profiles@1", "recommendations.merchant_affinity@1"] {
            #expect(lineage.stdout.contains(input), "\(input): \(lineage.stdout)")
        }
        // The specs it leaves rebuild with `mesh trainset build`.
        let rebuilt = try MeshBinary.run(["trainset", "build", "\(dir)/trainsets/spend-propensity.yaml", "--name", "again", "--as", "ravi"], environment: env)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("payments.transactions@3"))
        let fraud = try MeshBinary.run(["trainset", "build", "\(dir)/trainsets/fraud-review.yaml", "--as", "farah"], environment: env)
        #expect(fraud.status == 0, "\(fraud.stderr)")

        // The consumer's read drops the names and e-mails it may not use for recommendations.
        let read = try MeshBinary.run(["read", "customers.profiles", "--as", "ravi", "--purpose", "recommendations", "--limit", "3", "--format", "jsonl"],
                                      environment: env)
        #expect(read.status == 0, "\(read.stderr)")
        let rows = read.stdout.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { $0.contains("\"customer_id\"") && !$0.contains("\"email\"") && !$0.contains("\"full_name\"") })

        // A principal without a grant is refused, with the reason.
        let denied = try MeshBinary.run(["read", "customers.profiles", "--as", "mia", "--purpose", "analytics", "--limit", "1"], environment: env)
        #expect(denied.status != 0)
        #expect(denied.stderr.contains("grant"))

        // Running the demo again replaces its own mesh; any other directory is refused untouched.
        let again = try MeshBinary.run(["demo", dir])
        #expect(again.status == 0, "\(again.stderr)")
        let other = root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "keep me".write(to: other.appendingPathComponent("todo.txt"), atomically: true, encoding: .utf8)
        let refused = try MeshBinary.run(["demo", other.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("not empty"))
        #expect(try String(contentsOf: other.appendingPathComponent("todo.txt"), encoding: .utf8) == "keep me")
    }

    @Test(.enabled(if: Interop.enabled(["pyiceberg"]))) func pyicebergReadsADemoProductThroughTheCatalogFile() throws {
        let root = Interop.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("demo").path
        let demo = try MeshBinary.run(["demo", dir])
        #expect(demo.status == 0, "\(demo.stderr)")
        let out = try Interop.runPython("""
            import sys
            from pyiceberg.catalog.sql import SqlCatalog
            d = sys.argv[1]
            catalog = SqlCatalog("mesh", uri=f"sqlite:///{d}/catalog.sqlite", warehouse=f"file://{d}/warehouse")
            print(sorted(".".join(t) for t in catalog.list_tables("payments")))
            table = catalog.load_table("payments.transactions")
            print(table.scan().to_arrow().num_rows)
            print(table.scan(snapshot_id=table.snapshot_by_name("v1").snapshot_id).to_arrow().num_rows)
            # The README's snippet: a filtered projection to pandas, and DuckDB over the scan.
            df = table.scan(row_filter="amount > 100", selected_fields=("transaction_id", "amount")).to_pandas()
            print(list(df.columns), bool((df["amount"] > 100).all()), len(df) > 0)
            con = table.scan().to_duckdb(table_name="transactions")
            print(con.sql("SELECT count(DISTINCT merchant_category) FROM transactions").fetchall()[0][0])
            """, [dir])
        #expect(out == "['payments.transactions']\n60000\n20000\n['transaction_id', 'amount'] True True\n6\n")
    }
}
