import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
import MeshServer
import Testing
import TestSupport

@Suite("pyiceberg RestCatalog against a live server")
struct PyIcebergInteropTests {
    /// Runs a Python script off the cooperative pool (the server answers it meanwhile).
    static func python(_ code: String, _ arguments: [String]) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try Interop.runPython(code, arguments) })
            }
        }
    }

    /// The pyiceberg snippet of docs/server.md (the code block after `<!-- snippet: pyiceberg -->`).
    static func snippet() throws -> String {
        let doc = try String(contentsOf: Interop.repositoryRoot.appendingPathComponent("docs/server.md"), encoding: .utf8)
        let afterMarker = try #require(doc.range(of: "<!-- snippet: pyiceberg -->\n```python\n"))
        let end = try #require(doc.range(of: "\n```", range: afterMarker.upperBound..<doc.endIndex))
        return String(doc[afterMarker.upperBound..<end.lowerBound])
    }

    @Test(.enabled(if: Interop.enabled(["pyiceberg"])))
    func listLoadScanTimeTravelAndRefusal() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let out = try await Self.python(try Self.snippet(), ["http://127.0.0.1:\(port)", fixture.tokens["carl"]!, fixture.tokens["dana"]!])
            let lines = out.split(separator: "\n").map(String.init)
            #expect(lines.count == 5, "\(out)")
            guard lines.count == 5 else { return }
            #expect(lines[0] == "[('payments',)]")
            #expect(lines[1] == "[('payments', 'transactions')]")
            // The scan's rows are exactly the published ones.
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [[Any]])
            let expected = (0..<200).map(ServerFixture.row)
            #expect(rows.count == expected.count)
            #expect(zip(rows, expected).allSatisfy { $0[0] as? String == $1.txnID && $0[1] as? String == $1.customerID && ($0[2] as? Double) == $1.amount })
            #expect(lines[3] == "100 t1000 t1099")
            #expect(lines[4] == "ForbiddenError True")
        }
    }
}
