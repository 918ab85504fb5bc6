import Foundation

/// `meshbench serve`: a load test of the mesh server with `wrk` on 127.0.0.1 — a product
/// lookup (`GET /api/v1/products/{id}`) and an Iceberg load-table, at a fixed concurrency —
/// compared in the same run with a bare Hummingbird route returning a constant (`barehttp`),
/// the ceiling of the HTTP stack on this machine. Prints requests/s, p99 and the ratios.
struct ServeBenchmark {
    var seconds: Int
    var connections: Int
    /// Measured runs of each target, interleaved; the best of each is reported.
    var rounds: Int = 3

    struct Result {
        var name: String
        var requestsPerSecond: Double
        var p99Milliseconds: Double
        var non2xx: Int
    }

    func run() throws {
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BenchError("wrk is not installed: `apt-get install -y wrk`")
        }
        let mesh = try PublishBenchmark.meshBinary()
        let bare = URL(fileURLWithPath: mesh).deletingLastPathComponent().appendingPathComponent("barehttp").path
        guard FileManager.default.isExecutableFile(atPath: bare) else {
            throw BenchError("no release `barehttp`: run `swift build -c release --package-path Benchmarks --product barehttp`")
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-serve-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("demo").path
        _ = try PublishBenchmark.runProcess([mesh, "demo", dir])
        let issued = try PublishBenchmark.runProcess([mesh, "token", "create", "aline", "--mesh", dir])
        guard let token = issued.split(whereSeparator: { $0 == " " || $0 == "\n" }).first(where: { $0.hasPrefix("mesh_") }).map(String.init) else {
            throw BenchError("no token in: \(issued)")
        }
        let meshPort = 18_000 + Int(getpid() % 1000), barePort = meshPort + 1
        let server = try Self.start([mesh, "serve", "--mesh", dir, "--port", String(meshPort)])
        let bareServer = try Self.start([bare, String(barePort)])
        defer { server.terminate(); bareServer.terminate(); server.waitUntilExit(); bareServer.waitUntilExit() }
        try Self.waitFor(port: meshPort)
        try Self.waitFor(port: barePort)

        print("Server load test: wrk -t2 -c\(connections) -d\(seconds)s on 127.0.0.1 (2 cores shared by wrk and the server), "
              + "\(rounds) interleaved rounds, best of each")
        let targets: [(String, String, Bool)] = [
            ("bare Hummingbird route (constant)", "http://127.0.0.1:\(barePort)/constant", false),
            ("mesh: product lookup", "http://127.0.0.1:\(meshPort)/api/v1/products/payments.transactions", true),
            ("mesh: Iceberg load-table", "http://127.0.0.1:\(meshPort)/v1/namespaces/payments/tables/transactions", true),
        ]
        // A short warm-up of each, then the rounds: every target once per round, so a slower
        // spell of the shared machine does not fall on one target only.
        for (_, url, authorized) in targets {
            _ = try Self.wrk(wrk, url: url, token: authorized ? token : nil, seconds: 2, connections: connections)
        }
        var best: [Result?] = Array(repeating: nil, count: targets.count)
        for _ in 0..<max(1, rounds) {
            for (i, (name, url, authorized)) in targets.enumerated() {
                var r = try Self.wrk(wrk, url: url, token: authorized ? token : nil, seconds: seconds, connections: connections)
                r.name = name
                if best[i].map({ r.requestsPerSecond > $0.requestsPerSecond }) ?? true { best[i] = r }
            }
        }
        let results = best.compactMap { $0 }
        let ceiling = results[0].requestsPerSecond
        for r in results {
            let ratio = r.requestsPerSecond / ceiling
            print("\(r.name.padding(toLength: 36, withPad: " ", startingAt: 0)) \(String(format: "%9.0f", r.requestsPerSecond)) req/s   p99 \(String(format: "%7.2f", r.p99Milliseconds)) ms   \(String(format: "%.2f", ratio))x bare\(r.non2xx > 0 ? "   (\(r.non2xx) non-2xx!)" : "")")
        }
        for r in results.dropFirst() {
            let met = r.requestsPerSecond >= 0.5 * ceiling && r.p99Milliseconds < 20
            print("goal for \(r.name) (≥ 0.5x bare, p99 < 20 ms): \(met ? "met" : "NOT met")")
        }
    }

    static func start(_ command: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func waitFor(port: Int) throws {
        for _ in 0..<100 {
            let out = try? PublishBenchmark.runProcess(["/usr/bin/curl", "-sf", "http://127.0.0.1:\(port)/health"])
            if out != nil { return }
            usleep(100_000)
        }
        throw BenchError("the server on port \(port) did not start")
    }

    /// Runs wrk and parses requests/s, the 99th percentile and non-2xx answers.
    static func wrk(_ wrk: String, url: String, token: String?, seconds: Int, connections: Int) throws -> Result {
        var command = [wrk, "-t2", "-c\(connections)", "-d\(seconds)s", "--latency"]
        if let token { command += ["-H", "Authorization: Bearer \(token)"] }
        let out = try PublishBenchmark.runProcess(command + [url])
        var result = Result(name: url, requestsPerSecond: 0, p99Milliseconds: .infinity, non2xx: 0)
        for line in out.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if line.hasPrefix("Requests/sec:"), let v = fields.last.flatMap({ Double($0) }) { result.requestsPerSecond = v }
            if fields.first == "99%", fields.count >= 2 { result.p99Milliseconds = milliseconds(String(fields[1])) }
            if line.contains("Non-2xx or 3xx responses:"), let v = fields.last.flatMap({ Int($0) }) { result.non2xx = v }
        }
        return result
    }

    /// `1.23ms`, `850.00us`, `1.02s` in milliseconds.
    static func milliseconds(_ text: String) -> Double {
        if text.hasSuffix("us") { return (Double(text.dropLast(2)) ?? .infinity) / 1000 }
        if text.hasSuffix("ms") { return Double(text.dropLast(2)) ?? .infinity }
        if text.hasSuffix("s") { return (Double(text.dropLast(1)) ?? .infinity) * 1000 }
        return .infinity
    }
}
