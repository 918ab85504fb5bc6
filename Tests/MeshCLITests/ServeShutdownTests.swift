import Foundation
import Testing
import TestSupport

/// `mesh serve` stopped by SIGTERM while a client's publish is in flight: the server finishes
/// (or rolls back) that publish before it exits, so the product holds the whole version or
/// nothing, and no upload or staged data file is left behind.
@Suite struct ServeShutdownTests {
    static let fixtures = Interop.repositoryRoot.appendingPathComponent("Tests/MeshTests/Fixtures")

    @Test func sigtermDuringAPublishLeavesTheWholeVersionOrNothing() async throws {
        let root = Interop.temporaryDirectory("mesh-shutdown")
        let dir = root.appendingPathComponent("mesh").path
        let env = ["MESH_DIR": dir, "MESH_PRINCIPAL": "", "MESH_SERVER": "", "MESH_TOKEN": ""]
        for step in [
            ["init"], ["domain", "create", "payments", "--owner", "payments-team"],
            ["policy", "apply", Self.fixtures.appendingPathComponent("service-policy.yaml").path],
            ["product", "register", Self.fixtures.appendingPathComponent("service-transactions-1.0.0.yaml").path],
        ] {
            let r = try MeshBinary.run(step, environment: env)
            try #require(r.status == 0, "mesh \(step.joined(separator: " ")): \(r.stderr)")
        }
        let rows = 400_000
        let input = root.appendingPathComponent("big.csv")
        let times = (0..<24).map(FixtureTime.hoursAgo)
        var text = "txn_id,customer_id,amount,currency,event_time\n"
        text.reserveCapacity(rows * 48)
        for i in 0..<rows { text += "t\(i),c\(i % 97),\(Double(i % 500) / 4),\(i % 3 == 0 ? "USD" : "EUR"),\(times[i % 24])\n" }
        try text.write(to: input, atomically: true, encoding: .utf8)
        let token = try MeshBinary.run(["token", "create", "admin"], environment: env).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let server = try MeshServerProcess(directory: dir)
        let client = Process()
        client.executableURL = MeshBinary.url
        client.arguments = ["publish", "payments.transactions", input.path, "--json"]
        client.environment = ProcessInfo.processInfo.environment.merging(["MESH_DIR": "", "MESH_PRINCIPAL": "", "MESH_SERVER": server.url, "MESH_TOKEN": token]) { $1 }
        let clientOut = Pipe(), clientErr = Pipe()
        client.standardOutput = clientOut
        client.standardError = clientErr
        try client.run()
        // Stop the server once the upload has begun (the upload file exists), while the
        // client still waits for its answer. The watch runs on a thread of its own: on a loaded
        // machine the concurrency pool's threads may all be busy with other tests.
        let uploads = URL(fileURLWithPath: dir).appendingPathComponent("uploads").path
        let serverProcess = server.process
        let stoppedInFlight: Bool = await withCheckedContinuation { continuation in
            DispatchQueue(label: "serve-shutdown-watch").async {
                let deadline = Date().addingTimeInterval(120)
                while Date() < deadline, client.isRunning,
                      ((try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []).isEmpty {
                    Thread.sleep(forTimeInterval: 0.002)
                }
                let inFlight = client.isRunning
                serverProcess.terminate()
                continuation.resume(returning: inFlight)
            }
        }
        await Self.wait(for: server.process)
        await Self.wait(for: client)
        #expect(stoppedInFlight, "the publish ended before the server was stopped; make the input larger")
        #expect(server.process.terminationReason == .exit && server.process.terminationStatus == 0)

        let answer = String(decoding: clientOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: clientErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let versions = try JSONSerialization.jsonObject(with: Data(try MeshBinary.run(["versions", "payments.transactions", "--json"], environment: env).stdout.utf8)) as? [[String: Any]] ?? []
        if client.terminationStatus == 0 {
            // The server finished the publish before exiting and answered it.
            #expect(answer.contains("\"version\""), "\(answer)")
            #expect(versions.map { $0["rows"] as? Int } == [rows])
            let read = try MeshBinary.run(["read", "payments.transactions", "--format", "csv", "--columns", "txn_id"], environment: env)
            #expect(read.stdout.split(separator: "\n").count == rows + 1)
        } else {
            // The client was cut off: nothing of its input may be in the product.
            #expect(!complaint.isEmpty)
            #expect(versions.isEmpty, "\(versions)")
            let data = URL(fileURLWithPath: dir).appendingPathComponent("warehouse/payments/transactions/data").path
            let files = (try? FileManager.default.subpathsOfDirectory(atPath: data))?.filter { $0.hasSuffix(".parquet") } ?? []
            #expect(files.isEmpty, "\(files)")
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: uploads)) ?? []
        #expect(leftovers.isEmpty, "uploads left behind: \(leftovers)")
    }

    /// Waits for `process` to exit without blocking a concurrency-pool thread.
    static func wait(for process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }
}
