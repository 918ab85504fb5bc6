import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `--server URL`: the same commands against `mesh serve` on a mesh directory answer exactly
/// what they answer on the directory itself, errors included; and the client's own errors
/// (no token, no server, a command that works only on a directory).
@Suite struct MeshServerModeCommandTests {
    static let fixtures = Interop.repositoryRoot.appendingPathComponent("Tests/MeshTests/Fixtures")
    let base = Interop.temporaryDirectory("mesh-cli-server-mode")
    var directory: String { base.appendingPathComponent("mesh").path }

    func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

    /// A mesh with the payments domain, the test policy, the transactions product and one version.
    func prepared(_ target: MeshTarget) throws {
        let steps: [[String]] = [
            ["init"],
            ["domain", "create", "payments", "--owner", "payments-team", "--description", "Card payments"],
            ["policy", "apply", fixture("service-policy.yaml")],
            ["product", "register", fixture("service-transactions-1.0.0.yaml")],
            ["publish", "payments.transactions", try FixtureTime.recentCopy(of: fixture("service-transactions-good.csv"), in: Interop.temporaryDirectory("mesh-server-mode"))],
        ]
        for step in steps {
            let r = try target.run(step)
            try #require(r.status == 0, "mesh \(step.joined(separator: " ")): \(r.stderr)")
        }
    }

    @Test func theServerAnswersWhatTheDirectoryAnswers() throws {
        let local = MeshTarget(mode: .local, directory: directory)
        let remote = MeshTarget(mode: .server, directory: directory)
        try prepared(local)
        let commands: [[String]] = [
            ["product", "list"], ["product", "list", "--json"], ["product", "list", "--domain", "payments"],
            ["versions", "payments.transactions"], ["versions", "payments.transactions", "--json"],
            ["versions", "payments.missing"], ["versions", "nodot"],
            ["search", "transactions"], ["search", "card", "--limit", "1", "--json"],
        ]
        for command in commands {
            let expected = try local.run(command)
            let answered = try remote.run(command)
            let line = "mesh " + command.joined(separator: " ")
            #expect(answered.status == expected.status, "\(line): \(answered.stderr)")
            #expect(answered.stdout == expected.stdout, "\(line)")
            #expect(answered.stderr == expected.stderr, "\(line)")
        }
        // The error cases really are errors, and really print the service's message.
        let missing = try remote.run(["versions", "payments.missing"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: ") && missing.stderr.contains("payments.missing"))
    }

    /// `mesh events --follow --server` follows the server's event stream: a rejection recorded
    /// while it runs is printed at once, with no polling (the poll interval is longer than the run).
    @Test func eventsFollowTheServersStream() async throws {
        let remote = MeshTarget(mode: .server, directory: directory)
        try prepared(remote)
        let bad = base.appendingPathComponent("bad.csv")
        try "txn_id,customer_id,amount,currency,event_time\nt9,,1.5,EUR,\(FixtureTime.hoursAgo(1))\n".write(to: bad, atomically: true, encoding: .utf8)
        let follow: ChildProcess.Result? = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: try? remote.run(["events", "--follow", "--for", "6", "--interval", "600", "--json"]))
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) {
                _ = try? remote.run(["publish", "payments.transactions", bad.path])
            }
        }
        let result = try #require(follow)
        #expect(result.status == 0, "\(result.stderr)")
        let kinds = result.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["kind"] as? String
        }
        #expect(kinds.contains("publish.rejected"), "\(result.stdout)")
        // It came through the stream, not a poll.
        var request = URLRequest(url: URL(string: try remote.serverURL() + "/metrics")!)
        request.setValue("Bearer \(try remote.token("admin"))", forHTTPHeaderField: "Authorization")
        let (body, _) = try await URLSession.shared.data(for: request)
        let metrics = String(decoding: body, as: UTF8.self)
        #expect(metrics.split(separator: "\n").contains { $0.hasPrefix("mesh_http_requests_total") && $0.contains("/v1/events/stream") && $0.contains("200") },
                "\(metrics)")
    }

    @Test func serverModeNeedsAToken() throws {
        let r = try MeshBinary.run(["domain", "list", "--server", "http://127.0.0.1:9"], environment: ["MESH_TOKEN": "", "MESH_SERVER": ""])
        #expect(r.status == 1)
        #expect(r.stderr == "error: --server needs an API token in $MESH_TOKEN; create one with `mesh token create PRINCIPAL` on the server's mesh\n")
        let fromVariable = try MeshBinary.run(["grants"], environment: ["MESH_TOKEN": "", "MESH_SERVER": "http://127.0.0.1:9"])
        #expect(fromVariable.status == 1)
        #expect(fromVariable.stderr.contains("$MESH_TOKEN"))
    }

    @Test func anUnreachableServerIsNamed() throws {
        let r = try MeshBinary.run(["domain", "list", "--server", "http://127.0.0.1:9"], environment: ["MESH_TOKEN": "mesh_x", "MESH_SERVER": ""])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: cannot reach the mesh server at http://127.0.0.1:9: "), "\(r.stderr)")
        let bad = try MeshBinary.run(["domain", "list", "--server", "ftp://x"], environment: ["MESH_TOKEN": "mesh_x"])
        #expect(bad.stderr == "error: --server: 'ftp://x' is not a server address; use http://HOST:PORT\n")
    }

    @Test func aBadTokenIsRefusedByTheServer() throws {
        let target = MeshTarget(mode: .local, directory: directory)
        #expect(try target.run(["init"]).status == 0)
        let server = try MeshServerProcess(directory: directory)
        defer { server.stop() }
        let r = try MeshBinary.run(["product", "list", "--server", server.url], environment: ["MESH_TOKEN": "mesh_not_a_token", "MESH_SERVER": ""])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: "))
        #expect(r.stderr.lowercased().contains("token"), "\(r.stderr)")
    }

    @Test func directoryOnlyCommandsSaySo() throws {
        let r = try MeshBinary.run(["init", "--server", "http://127.0.0.1:9"], environment: ["MESH_TOKEN": "mesh_x"])
        #expect(r.status == 1)
        #expect(r.stderr == "error: --server: mesh init creates a mesh directory; it does not work against a server (http://127.0.0.1:9)\n", "\(r.stderr)")
    }
}
