import Foundation
import Synchronization
import Testing
import TestSupport

/// The mesh commands end to end through the built binary, on a temporary mesh directory:
/// init → domain → policy → register → publish → reject → read; each scenario twice: on the
/// directory, and with `--server` against `mesh serve` on it (``MeshTarget``).
@Suite struct MeshServiceCommandTests {
    static let fixtures = Interop.repositoryRoot.appendingPathComponent("Tests/MeshTests/Fixtures")
    let base = Interop.temporaryDirectory("mesh-cli-service")

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// `service-transactions-good.csv` with its events moved to the last day, so the contract's
    /// 24-hour freshness SLA holds whatever day the tests run (see ``FixtureTime``).
    func recentGood() throws -> String { try FixtureTime.recentCopy(of: fixture("service-transactions-good.csv"), in: base) }

    /// Runs `mesh` on the test's mesh (through $MESH_DIR) and returns the result.
    func mesh(_ arguments: [String], environment: [String: String] = [:]) throws -> ChildProcess.Result {
        var env = ["MESH_DIR": base.appendingPathComponent("mesh").path, "MESH_PRINCIPAL": ""]
        for (k, v) in environment { env[k] = v }
        return try MeshBinary.run(arguments, environment: env)
    }

    /// The test's mesh in `mode`.
    func target(_ mode: MeshMode) -> MeshTarget { MeshTarget(mode: mode, directory: base.appendingPathComponent("mesh").path) }

    /// A mesh with the payments domain, the test policy and the transactions product.
    func prepared(_ mesh: MeshTarget) throws {
        let steps: [[String]] = [
            ["init"],
            ["domain", "create", "payments", "--owner", "payments-team", "--description", "Card payments"],
            ["policy", "apply", fixture("service-policy.yaml")],
            ["product", "register", fixture("service-transactions-1.0.0.yaml")],
        ]
        for step in steps {
            let r = try mesh(step)
            try #require(r.status == 0, "mesh \(step.joined(separator: " ")): \(r.stderr)")
        }
    }

    @Test(arguments: MeshMode.allCases) func publishRejectAndReadStory(mode: MeshMode) throws {
        let mesh = target(mode)
        try prepared(mesh)
        let published = try mesh(["publish", "payments.transactions", try recentGood()])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("Published payments.transactions version 1 (tag v1): 3 row(s) appended, 3 in total."))

        let rejected = try mesh(["publish", "payments.transactions", fixture("service-transactions-bad.csv")])
        #expect(rejected.status == 1)
        let lines = rejected.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "error: payments.transactions: publish to payments.transactions rejected: \(lines.count - 1) check(s) failed; the product is unchanged")
        #expect(lines.contains { $0.hasPrefix("  - amount: ") && $0.contains("observed min -5.0, expected ≥ 0") })
        #expect(lines.contains { $0.hasPrefix("  - currency: ") && $0.contains("'euro'") })

        let versions = try mesh(["versions", "payments.transactions", "--json"])
        #expect(versions.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(versions.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.map { $0["version"] as? Int } == [1])
        #expect(parsed?.first?["rows"] as? Int == 3)

        let csv = try mesh(["read", "payments.transactions@1", "--format", "csv", "--columns", "txn_id,amount", "--where", "amount < 50"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == "txn_id,amount\nt1,12.5\nt3,3.25\n")
        let jsonl = try mesh(["read", "payments.transactions@v1", "--limit", "1", "--columns", "txn_id,event_time"])
        let day = FixtureTime.recentDate
        #expect(jsonl.stdout == #"{"txn_id":"t1","event_time":"\#(day)T10:00:00.000000Z"}"# + "\n" || jsonl.stdout.hasPrefix(#"{"txn_id":"t1","event_time":"\#(day)T10:00:00"#), "\(jsonl.stdout)")

        let missing = try mesh(["read", "payments.transactions@9"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: payments.transactions: payments.transactions has no version 9; versions: 1\n")

        let parquetOut = base.appendingPathComponent("out.parquet").path
        let parquet = try mesh(["read", "payments.transactions", "--format", "parquet", "--out", parquetOut])
        #expect(parquet.status == 0, "\(parquet.stderr)")
        let back = try mesh(["parquet", "cat", parquetOut, "--columns", "txn_id", "--format", "csv"])
        #expect(back.stdout == "txn_id\nt1\nt2\nt3\n")

        // A consumer: denied without a grant, named in the audit.
        #expect(try mesh(["principal", "create", "carla", "--role", "consumer", "--team", "fraud-team"]).status == 0)
        let denied = try mesh(["read", "payments.transactions", "--purpose", "fraud-detection"], environment: ["MESH_PRINCIPAL": "carla"])
        #expect(denied.status == 1)
        #expect(denied.stderr.hasPrefix("error: payments.transactions: carla holds no grant covering payments.transactions"))
        let unknown = try mesh(["read", "payments.transactions", "--as", "mallory"])
        #expect(unknown.status == 1)
        switch mode {
        case .local: #expect(unknown.stderr.contains("unknown principal 'mallory' (from --as)"))
        case .server: #expect(unknown.stderr == "error: --as: --as mallory does not match $MESH_TOKEN, which is admin's; against a server you act as the token's principal\n")
        }

        // show, search, glossary, product list.
        let show = try mesh(["show", "payments.transactions"])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Quality history (1 accepted, 1 rejected):"))
        #expect(show.stdout.contains("customer_id  string      required  [confidential]  tags: pii  purposes: fraud-detection"))
        let showJSON = try JSONSerialization.jsonObject(with: Data(try mesh(["show", "payments.transactions", "--json"]).stdout.utf8)) as? [String: Any]
        #expect((showJSON?["history"] as? [Any])?.count == 2)
        let search = try mesh(["search", "currency", "--json"])
        let hits = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as? [[String: Any]]
        #expect(Set(hits?.compactMap { $0["key"] as? String } ?? []) == ["payments.transactions", "currency_code"])
        let glossary = try mesh(["glossary", "currency_code"])
        #expect(glossary.stdout.contains("bound by: payments.transactions/transactions.currency"))
        let products = try mesh(["product", "list"])
        #expect(products.stdout.hasPrefix("payments.transactions  active  contract 1.0.0  v1"))
    }

    @Test(arguments: MeshMode.allCases) func commandsFailCleanlyOnBadInput(mode: MeshMode) throws {
        let mesh = target(mode)
        let nowhere = try MeshBinary.run(["domain", "list", "--mesh", base.appendingPathComponent("none").path])
        #expect(nowhere.status == 1)
        #expect(nowhere.stderr.contains("no mesh at"))
        #expect(nowhere.stderr.contains("create one with `mesh init"))
        try prepared(mesh)
        let again = try mesh(["init"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("a mesh already exists"))
        let badName = try mesh(["domain", "create", "../x", "--owner", "t"])
        #expect(badName.status == 1)
        #expect(badName.stderr.split(separator: "\n").count == 1)
        #expect(badName.stderr.contains("domain '../x'"))
        let noDomain = try mesh(["product", "register", fixture("service-transactions-1.0.0.yaml"), "--mesh", base.appendingPathComponent("mesh").path])
        #expect(noDomain.status == 0)
        #expect(noDomain.stdout.contains("already registered"))
        let missingFile = try mesh(["publish", "payments.transactions", base.appendingPathComponent("nope.csv").path])
        #expect(missingFile.status == 1)
        #expect(missingFile.stderr.contains("nope.csv"))
        let versions = try mesh(["versions", "payments.transactions"])
        #expect(versions.stdout == "payments.transactions has no published version yet.\n")
    }

    @Test(arguments: MeshMode.allCases) func listingsDryRunsAndJSON(mode: MeshMode) throws {
        let mesh = target(mode)
        #expect(try mesh(["init"]).status == 0)
        #expect(try mesh(["glossary"]).stdout.hasPrefix("No glossary terms"))
        let dry = try mesh(["policy", "apply", fixture("service-policy.yaml"), "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Dry run: test-global@1.0.0 (global) was not applied."))
        #expect(try mesh(["glossary"]).stdout.hasPrefix("No glossary terms"))
        let applied = try JSONSerialization.jsonObject(with: Data(try mesh(["policy", "apply", fixture("service-policy.yaml"), "--json"]).stdout.utf8)) as? [String: Any]
        #expect(applied?["applied"] as? Bool == true)
        #expect(try mesh(["glossary"]).stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["currency_code", "fico_score"])

        #expect(try mesh(["domain", "create", "payments", "--owner", "payments-team"]).status == 0)
        #expect(try mesh(["domain", "create", "fraud", "--owner", "fraud-team", "--json"]).stdout.contains(#""owner": "fraud-team""#))
        let domains = try JSONSerialization.jsonObject(with: Data(try mesh(["domain", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        #expect(domains?.compactMap { $0["name"] as? String } == ["fraud", "payments"])
        #expect(try mesh(["principal", "create", "paula", "--role", "owner", "--role", "producer", "--team", "payments-team"]).stdout
            == "Created principal paula (roles: owner, producer; team: payments-team).\n")
        let principals = try JSONSerialization.jsonObject(with: Data(try mesh(["principal", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        #expect(principals?.compactMap { $0["name"] as? String } == ["admin", "paula"])
        // The owning team's owner registers and publishes as itself (--as).
        let registered = try mesh(["product", "register", fixture("service-transactions-1.0.0.yaml"), "--as", "paula", "--json"])
        let registration = try JSONSerialization.jsonObject(with: Data(registered.stdout.utf8)) as? [String: Any]
        #expect(registration?["created"] as? Bool == true, "\(registered.stderr)")
        let published = try mesh(["publish", "payments.transactions", try recentGood(), "--json"], environment: ["MESH_PRINCIPAL": "paula"])
        let result = try JSONSerialization.jsonObject(with: Data(published.stdout.utf8)) as? [String: Any]
        #expect((result?["version"] as? [String: Any])?["published_by"] as? String == "paula", "\(published.stderr)")
        let products = try JSONSerialization.jsonObject(with: Data(try mesh(["product", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        #expect(products?.first?["tables"] as? [String] == ["payments.transactions"])
    }

    /// Two `mesh publish` processes on one product at once: both succeed, one after the other.
    @Test(arguments: MeshMode.allCases) func concurrentPublishProcessesMakeTwoVersionsInOrder(mode: MeshMode) async throws {
        let mesh = target(mode)
        try prepared(mesh)
        let rows = 20_000
        var text = "txn_id,customer_id,amount,currency,event_time\n"
        let times = (0..<24).map(FixtureTime.hoursAgo)
        for i in 0..<rows { text += "t\(i),c\(i % 97),\(Double(i % 500) / 4),\(i % 3 == 0 ? "USD" : "EUR"),\(times[i % 24])\n" }
        let input = base.appendingPathComponent("big.csv")
        try text.write(to: input, atomically: true, encoding: .utf8)

        // Two processes started together; the test waits without blocking a concurrency-pool thread.
        let arguments = ["publish", "payments.transactions", input.path, "--json"]
        let results: [ChildProcess.Result?] = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let collected = Mutex<[ChildProcess.Result?]>([nil, nil])
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    let result = try? mesh.run(arguments)
                    collected.withLock { $0[i] = result }
                }
                continuation.resume(returning: collected.withLock { $0 })
            }
        }
        let outcomes = results.compactMap { $0 }
        #expect(outcomes.count == 2)
        for r in outcomes { #expect(r.status == 0, "\(r.stderr)") }
        let versions = try JSONSerialization.jsonObject(with: Data(try mesh(["versions", "payments.transactions", "--json"]).stdout.utf8)) as? [[String: Any]]
        #expect(versions?.map { $0["version"] as? Int } == [1, 2])
        #expect(versions?.map { $0["rows"] as? Int } == [rows, 2 * rows])
        let count = try mesh(["read", "payments.transactions", "--format", "csv", "--columns", "txn_id"]).stdout.split(separator: "\n").count
        #expect(count == 2 * rows + 1)
        let first = try mesh(["read", "payments.transactions@1", "--format", "csv", "--columns", "txn_id"]).stdout.split(separator: "\n").count
        #expect(first == rows + 1)
    }
}
