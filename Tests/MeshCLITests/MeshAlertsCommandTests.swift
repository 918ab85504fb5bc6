import Foundation
import Testing
import TestSupport

/// The `mesh` binary through the alert story: subscribe, a rejected publish, feeds and signed
/// webhooks to real listeners on 127.0.0.1, retries, freshness breaches, access requests.
@Suite("mesh alerts end to end", .serialized)
struct MeshAlertsCommandTests {
    /// A mesh in a temporary directory: the payments domain (team payments-team, owner alice),
    /// consumers bob (ml-team) and carol (bi-team), and `payments.transactions`.
    struct Mesh {
        let directory = Interop.temporaryDirectory("mesh-alerts")
        /// Where the commands go: the directory, or `mesh serve` on it (``MeshTarget``).
        let target: MeshTarget

        /// `latency` is the latency SLA's value and unit lines; `retention` adds a retention SLA the same way.
        init(mode: MeshMode = .local, latency: String = "value: 1\n    unit: d", retention: String? = nil) throws {
            target = MeshTarget(mode: mode, directory: directory.appendingPathComponent("mesh").path, workingDirectory: directory)
            try expectOK(["init", "mesh"])
            try expectOK(["principal", "create", "alice", "--role", "owner", "--role", "producer", "--team", "payments-team"])
            try expectOK(["principal", "create", "bob", "--role", "consumer", "--team", "ml-team"])
            try expectOK(["principal", "create", "carol", "--role", "consumer", "--team", "bi-team"])
            try expectOK(["domain", "create", "payments", "--owner", "payments-team"])
            try write("contract.yaml", """
            apiVersion: v3.1.0
            kind: DataContract
            id: payments-transactions
            name: Card transactions
            version: 1.0.0
            status: active
            domain: payments
            dataProduct: transactions
            description:
              purpose: Settled card transactions.
            team:
              name: payments-team
            slaProperties:
              - property: latency
                \(latency)
                element: transactions.event_time\(retention.map { "\n  - property: retention\n    \($0)" } ?? "")
            schema:
              - name: transactions
                properties:
                  - name: transaction_id
                    logicalType: string
                    required: true
                    classification: internal
                  - name: amount
                    logicalType: number
                    classification: internal
                  - name: event_time
                    logicalType: timestamp
                    classification: internal
            """)
            try expectOK(["product", "register", "contract.yaml", "--as", "alice"])
        }

        @discardableResult
        func run(_ arguments: [String]) throws -> ChildProcess.Result {
            try target.run(arguments)
        }

        @discardableResult
        func expectOK(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let result = try run(arguments)
            #expect(result.status == 0, "mesh \(arguments.joined(separator: " ")): \(result.stderr)", sourceLocation: sourceLocation)
            return result.stdout
        }

        func write(_ name: String, _ text: String) throws {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        /// Writes a CSV whose rows' event time is now (whole seconds); returns that time.
        @discardableResult
        func csv(_ name: String, ids: [String]) throws -> Date {
            let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let text = ISO8601DateFormatter().string(from: now)
            try write(name, (["transaction_id,amount,event_time"] + ids.map { "\($0),12.5,\(text)" }).joined(separator: "\n") + "\n")
            return now
        }

        func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
            let out = try expectOK(arguments + ["--json"], sourceLocation: sourceLocation)
            return try JSONSerialization.jsonObject(with: Data(out.utf8))
        }

        /// `mesh subscribe … --json`: the subscription id and its webhook secret.
        func subscribe(_ consumer: String, purpose: String, webhook: String?, as principal: String) throws -> (id: Int, secret: String?) {
            var args = ["subscribe", "payments.transactions", "--consumer", consumer, "--purpose", purpose, "--as", principal]
            if let webhook { args += ["--webhook", webhook] }
            let object = try #require(try json(args) as? [String: Any])
            return (try #require(object["id"] as? Int), object["webhook_secret"] as? String)
        }

        func kinds(feed consumer: String) throws -> [String] {
            try #require(try json(["events", "--consumer", consumer]) as? [[String: Any]]).compactMap { $0["kind"] as? String }
        }
    }

    /// Checks an `X-Mesh-Signature` with Python's hmac (the receiver's side).
    static func pythonVerifies(secret: String, body: Data, signature: String) throws -> Bool {
        let code = """
        import hashlib, hmac, sys
        body = bytes.fromhex(sys.argv[2])
        expected = "sha256=" + hmac.new(sys.argv[1].encode(), body, hashlib.sha256).hexdigest()
        print(hmac.compare_digest(expected, sys.argv[3]))
        """
        return try Interop.runPython(code, [secret, body.map { String(format: "%02x", $0) }.joined(), signature])
            .trimmingCharacters(in: .whitespacesAndNewlines) == "True"
    }

    @Test("a rejected publish reaches the producer and every consumer: feeds and signed webhooks",
          .enabled(if: Interop.enabled(["hmac"])))
    func rejectedPublishStory() throws {
        let mesh = try Mesh()
        let ml = try HTTPListener(), fraud = try HTTPListener()
        defer { ml.close(); fraud.close() }
        let mlSub = try mesh.subscribe("ml-team", purpose: "training", webhook: ml.url("/ml").absoluteString, as: "bob")
        let fraudSub = try mesh.subscribe("fraud-team", purpose: "fraud-detection", webhook: fraud.url("/fraud").absoluteString, as: "admin")
        _ = try mesh.subscribe("bi-team", purpose: "analytics", webhook: nil, as: "carol")
        #expect(mlSub.secret?.hasPrefix("whsec_") == true)
        // Secrets are shown once.
        let listed = try mesh.expectOK(["subscriptions"])
        #expect(listed.contains("ml-team") && !listed.contains("whsec_"))

        try mesh.csv("good.csv", ids: ["t1", "t2"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        try mesh.csv("bad.csv", ids: ["t3", ""])
        let rejected = try mesh.run(["publish", "payments.transactions", "bad.csv", "--as", "alice"])
        #expect(rejected.status != 0)

        // The next command sends the due webhooks; every party's feed has the rejection.
        for consumer in ["payments-team", "ml-team", "fraud-team", "bi-team"] {
            #expect(try mesh.kinds(feed: consumer) == ["publish.accepted", "publish.rejected"], "feed of \(consumer)")
        }
        for (listener, subscription, path) in [(ml, mlSub, "/ml"), (fraud, fraudSub, "/fraud")] {
            let requests = listener.waitForRequests(2)
            #expect(requests.map(\.path) == [path, path])
            #expect(requests.map { $0.header("x-mesh-event") } == ["publish.accepted", "publish.rejected"])
            for request in requests {
                #expect(try Self.pythonVerifies(secret: try #require(subscription.secret), body: request.body, signature: request.header("x-mesh-signature") ?? ""))
            }
            let last = try #require(requests.last)
            let body = try #require(try JSONSerialization.jsonObject(with: last.body) as? [String: Any])
            #expect(body["kind"] as? String == "publish.rejected" && body["product"] as? String == "payments.transactions")
            #expect((body["message"] as? String)?.contains("rejected") == true)
        }
        // Delivery status is recorded: each webhook delivered on its first attempt.
        let events = try #require(try mesh.json(["events", "--product", "payments.transactions", "--deliveries"]) as? [[String: Any]])
        let webhooks = try #require(events.last?["deliveries"] as? [[String: Any]]).filter { $0["channel"] as? String == "webhook" }
        #expect(webhooks.map { $0["status"] as? String } == ["delivered", "delivered"])
        #expect(webhooks.map { $0["attempts"] as? Int } == [1, 1])
    }

    @Test("a webhook answering 500 is retried by `mesh events --follow` after the backoff")
    func retryWhileFollowing() throws {
        let mesh = try Mesh()
        let listener = try HTTPListener(script: [500], otherwise: 200)
        defer { listener.close() }
        _ = try mesh.subscribe("ml-team", purpose: "training", webhook: listener.url().absoluteString, as: "bob")
        try mesh.csv("good.csv", ids: ["t1"])
        // The publish makes the first attempt itself, after its commit.
        let first = try mesh.run(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        #expect(first.status == 0 && first.stderr.contains("failed (HTTP 500)"), "\(first.stderr)")
        #expect(listener.requests.count == 1)

        let follow = try mesh.run(["events", "--consumer", "ml-team", "--after", "1", "--follow", "--for", "2.5", "--interval", "0.5"])
        #expect(follow.status == 0)
        #expect(listener.requests.count == 2)
        let text = try mesh.expectOK(["events", "--consumer", "ml-team", "--deliveries"])
        #expect(text.contains("via webhook \(listener.url().absoluteString): delivered (2 attempts), last error: HTTP 500"))
    }

    @Test("a dead webhook does not hang the command; the failure is recorded for retry")
    func deadWebhook() throws {
        let mesh = try Mesh()
        let port = try HTTPListener.unusedPort()
        _ = try mesh.subscribe("ml-team", purpose: "training", webhook: "http://127.0.0.1:\(port)/hook", as: "bob")
        try mesh.csv("good.csv", ids: ["t1"])
        let start = Date()
        let published = try mesh.run(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(published.status == 0 && published.stderr.contains("connection refused"), "\(published.stderr)")
        let result = try mesh.run(["events", "--consumer", "ml-team", "--deliveries", "--json"])
        #expect(result.status == 0)
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(events.count == 1)
        let after = try #require(try mesh.json(["events", "--consumer", "ml-team", "--deliveries"]) as? [[String: Any]])
        let webhook = try #require((after.first?["deliveries"] as? [[String: Any]])?.first { $0["channel"] as? String == "webhook" })
        #expect(webhook["status"] as? String == "pending" && webhook["last_error"] as? String == "connection refused")
        #expect((webhook["attempts"] as? Int ?? 0) >= 1)
    }

    @Test("mesh check: a breach alerts once, exits 1 while stale", arguments: MeshMode.allCases)
    func freshnessBreach(mode: MeshMode) throws {
        // The SLA leaves a loaded machine time to publish before the data goes stale.
        let mesh = try Mesh(mode: mode, latency: "value: 5\n    unit: s")
        _ = try mesh.subscribe("bi-team", purpose: "analytics", webhook: nil, as: "carol")
        let eventTime = try mesh.csv("good.csv", ids: ["t1"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        Thread.sleep(until: eventTime.addingTimeInterval(5.5))
        let first = try mesh.run(["check"])
        #expect(first.status == 1)
        #expect(first.stdout.contains("STALE") && first.stdout.contains("alert freshness.breach"))
        let second = try mesh.run(["check", "payments.transactions", "--json"])
        #expect(second.status == 1)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]])
        #expect(results.first?["status"] as? String == "stale" && results.first?["alert"] is NSNull && results.first?["breach_alerted_at"] is String)
        #expect(try mesh.kinds(feed: "bi-team") == ["publish.accepted", "freshness.breach"])
        #expect(try mesh.kinds(feed: "payments-team") == ["publish.accepted", "freshness.breach"])
        #expect(try mesh.run(["check", "payments.nope"]).status == 1)
    }

    @Test("mesh retention: a dry run, then the old version expires; reads of it and other callers are refused", arguments: MeshMode.allCases)
    func retention(mode: MeshMode) throws {
        let mesh = try Mesh(mode: mode, retention: "value: 2\n    unit: s")
        try mesh.csv("old.csv", ids: ["a1", "a2"])
        try mesh.expectOK(["publish", "payments.transactions", "old.csv", "--as", "alice"])
        Thread.sleep(forTimeInterval: 2.5)
        try mesh.csv("new.csv", ids: ["b1"])
        try mesh.expectOK(["publish", "payments.transactions", "new.csv", "--mode", "overwrite", "--as", "alice"])

        let dry = try mesh.expectOK(["retention", "payments.transactions", "--dry-run", "--json", "--as", "alice"])
        let planned = try #require(try JSONSerialization.jsonObject(with: Data(dry.utf8)) as? [[String: Any]])
        #expect(planned.first?["expired"] as? [Int] == [1] && planned.first?["kept"] as? [Int] == [2] && planned.first?["dry_run"] as? Bool == true)
        #expect(try mesh.expectOK(["versions", "payments.transactions"]).contains("(expired)") == false)

        #expect(try mesh.run(["retention", "--as", "bob"]).status != 0) // a consumer owns no domain
        let applied = try mesh.expectOK(["retention", "--as", "alice"])
        #expect(applied.contains("2-second retention") && applied.contains("expired v1; kept v2"), "\(applied)")
        #expect(try mesh.expectOK(["versions", "payments.transactions"]).contains("(expired)"))
        let old = try mesh.run(["read", "payments.transactions@1", "--as", "alice"])
        #expect(old.status != 0 && old.stderr.contains("payments.transactions@1 has expired"), "\(old.stderr)")
        let current = try mesh.expectOK(["read", "payments.transactions", "--format", "csv", "--as", "alice"])
        #expect(current.contains("b1") && !current.contains("a1"))
        #expect(try mesh.kinds(feed: "payments-team").contains("version.expired"))
    }

    @Test("mesh audit: owners read their product's entries, anyone their own, only admin and governance the whole log", arguments: MeshMode.allCases)
    func audit(mode: MeshMode) throws {
        let mesh = try Mesh(mode: mode)
        try mesh.csv("good.csv", ids: ["t1", "t2"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        #expect(try mesh.run(["read", "payments.transactions", "--purpose", "training", "--as", "bob", "--format", "csv"]).status != 0)

        let owned = try #require(try mesh.json(["audit", "--product", "payments.transactions", "--as", "alice"]) as? [[String: Any]])
        #expect(owned.contains { $0["action"] as? String == "publish" && $0["principal"] as? String == "alice" && $0["allowed"] as? Bool == true })
        let refused = try #require(owned.first { $0["principal"] as? String == "bob" })
        #expect(refused["allowed"] as? Bool == false && refused["purpose"] as? String == "training")
        #expect(owned.allSatisfy { $0["target"] as? String == "payments.transactions" })
        let ids = owned.compactMap { $0["id"] as? Int }
        #expect(ids == ids.sorted(), "oldest first")

        let whole = try mesh.run(["audit", "--as", "bob"])
        #expect(whole.status != 0 && whole.stderr.contains("may not read the whole audit log"), "\(whole.stderr)")
        let other = try mesh.run(["audit", "--product", "payments.transactions", "--as", "carol"])
        #expect(other.status != 0 && other.stderr.contains("owner role on team payments-team"), "\(other.stderr)")
        let own = try mesh.expectOK(["audit", "--principal", "bob", "--as", "bob"])
        #expect(own.contains("payments.transactions") && own.contains("no"), "\(own)")
        let newest = try #require(try mesh.json(["audit", "--limit", "1"]) as? [[String: Any]])
        #expect(newest.count == 1 && newest.first?["principal"] as? String == "bob")
        let publishes = try #require(try mesh.json(["audit", "--action", "publish", "--since", "1h"]) as? [[String: Any]])
        #expect(publishes.count == 1 && publishes.first?["principal"] as? String == "alice")
        #expect(try #require(try mesh.json(["audit", "--since", "2999-01-01"]) as? [[String: Any]]).isEmpty)
        let principals = try #require(try mesh.json(["audit", "--action", "principal."]) as? [[String: Any]])
        #expect(principals.count == 3 && principals.allSatisfy { $0["action"] as? String == "principal.create" })
        let badSince = try mesh.run(["audit", "--since", "yesterday"])
        #expect(badSince.status != 0 && badSince.stderr.contains("--since 'yesterday'"), "\(badSince.stderr)")
        #expect(try mesh.run(["audit", "--limit", "-1"]).status != 0)
        #expect(try mesh.run(["audit", "--product", "payments.nope"]).status != 0)
    }

    @Test("request-access → approve → grants → read allowed; deny with a reason", arguments: MeshMode.allCases)
    func accessFlow(mode: MeshMode) throws {
        let mesh = try Mesh(mode: mode)
        try mesh.csv("good.csv", ids: ["t1", "t2"])
        try mesh.expectOK(["publish", "payments.transactions", "good.csv", "--as", "alice"])
        #expect(try mesh.run(["read", "payments.transactions", "--purpose", "training", "--as", "bob", "--format", "csv"]).status != 0)

        let request = try #require(try mesh.json(["request-access", "payments.transactions", "--purpose", "training", "--reason", "fraud model",
                                                  "--expires", "30d", "--as", "bob"]) as? [String: Any])
        let id = try #require(request["id"] as? Int)
        #expect(try mesh.expectOK(["access-requests"]).contains("fraud model"))
        #expect(try mesh.kinds(feed: "payments-team").last == "access.requested")
        let forbidden = try mesh.run(["approve", String(id), "--as", "carol"])
        #expect(forbidden.status != 0 && forbidden.stderr.contains("may not approve"))
        let approved = try mesh.expectOK(["approve", String(id), "--as", "alice"])
        #expect(approved.contains("lets bob read payments.transactions for training until"))
        let grants = try #require(try mesh.json(["grants", "--product", "payments.transactions"]) as? [[String: Any]])
        #expect(grants.count == 1 && grants[0]["principal"] as? String == "bob" && grants[0]["request"] as? Int == id)
        #expect(try mesh.kinds(feed: "bob") == ["access.approved"])

        let read = try mesh.run(["read", "payments.transactions", "--purpose", "training", "--as", "bob", "--format", "csv"])
        #expect(read.status == 0 && read.stdout.contains("t1") && read.stdout.contains("t2"))

        let other = try #require(try mesh.json(["request-access", "payments.transactions", "--purpose", "marketing", "--as", "carol"]) as? [String: Any])
        let otherID = try #require(other["id"] as? Int)
        #expect(try mesh.run(["deny", String(otherID), "--as", "alice"]).status != 0)
        try mesh.expectOK(["deny", String(otherID), "--reason", "not for marketing", "--as", "alice"])
        #expect(try mesh.expectOK(["access-requests", "--status", "denied"]).contains("carol"))
        #expect(try mesh.run(["request-access", "payments.transactions", "--purpose", "x", "--expires", "yesterday", "--as", "carol"]).status != 0)
    }
}
