import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// `mesh token create` and `mesh serve` end to end: the built binary as a child process.
@Suite struct ServeCommandTests {
    /// The status of a GET with an optional bearer token.
    static func status(_ url: String, token: String? = nil) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? -1
    }

    @Test func serveAnswersWithTokensAndStopsOnSIGTERM() async throws {
        let root = Interop.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("mesh").path
        #expect(try MeshBinary.run(["init", dir]).status == 0)
        let created = try MeshBinary.run(["token", "create", "carl", "--role", "consumer", "--mesh", dir])
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("mesh_") && token.count == 48)
        let refused = try MeshBinary.run(["token", "create", "admin", "--mesh", dir, "--as", "carl"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("only administrators"))

        let process = Process()
        process.executableURL = MeshBinary.url
        process.arguments = ["serve", "--mesh", dir, "--port", "0"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let base = try #require(text.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init), "\(text)")
        #expect(try await Self.status(base + "/health") == 200)
        #expect(try await Self.status(base + "/v1/namespaces") == 401)
        #expect(try await Self.status(base + "/v1/namespaces", token: token) == 200)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
    }
}
