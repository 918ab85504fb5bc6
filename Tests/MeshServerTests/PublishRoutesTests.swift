import Catalog
import Foundation
import Hummingbird
import HummingbirdTesting
import Mesh
import MeshServer
import Testing

/// Publishing over HTTP: bodies streamed to `DIR/uploads/`, the upload limit, rejections, and
/// temporary files removed on every path.
@Suite("Publish over the JSON API")
struct PublishRoutesTests {
    static func uploads(_ fixture: ServerFixture) -> [String] {
        let directory = fixture.root.appendingPathComponent("mesh/uploads").path
        return (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    static func headers(_ fixture: ServerFixture, _ name: String, contentType: String = "text/csv") -> HTTPFields {
        var headers = ServerTesting.headers(fixture.bearer(name))
        headers[.contentType] = contentType
        return headers
    }

    @Test("a body over --max-upload is refused with 413 and leaves nothing behind")
    func tooLarge() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0, configuration: .init(maxUploadBytes: 1000))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products/payments.transactions/publish?format=csv", method: .post,
                                     headers: Self.headers(fixture, "paula"), body: ByteBuffer(string: ServerFixture.csv(200..<400))) { response in
                #expect(response.status == .contentTooLarge)
                #expect(ServerTesting.error(response)["code"] as? String == "tooLarge")
            }
            try await client.execute(uri: "/api/v1/uploads?name=big.csv", method: .post,
                                     headers: Self.headers(fixture, "paula"), body: ByteBuffer(string: ServerFixture.csv(200..<400))) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(Self.uploads(fixture).isEmpty)
        #expect(try fixture.service.versions("payments.transactions").count == 2)
    }

    @Test("a megabyte CSV streamed to a live server publishes every row")
    func largeStreamedPublish() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        // Kept near a megabyte: the live test client gives up after 20 s, and a debug build's
        // publish on a loaded 2-core machine must fit in that.
        let rows = 70_000
        let text = ServerFixture.csv(200..<(200 + rows))
        let bytes = Array(text.utf8)
        #expect(bytes.count > 1_000_000)
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.live) { client in
            // Split into 48 KiB pieces so the server sees many chunks.
            let chunkSize = 48 << 10
            let pieces = stride(from: 0, to: bytes.count, by: chunkSize).map { ByteBuffer(bytes: bytes[$0..<min($0 + chunkSize, bytes.count)]) }
            #expect(pieces.count > 20)
            var body = ByteBuffer()
            for var piece in pieces { body.writeBuffer(&piece) }
            try await client.execute(uri: "/api/v1/products/payments.transactions/publish?format=csv&name=rows.csv", method: .post,
                                     headers: Self.headers(fixture, "paula"), body: body) { response in
                #expect(response.status == .created, "\(String(buffer: response.body).prefix(400))")
                let result = ServerTesting.object(response)
                let version = result["version"] as? [String: Any]
                #expect((version?["version"] as? NSNumber)?.intValue == 3)
                #expect(((result["outcome"] as? [String: Any])?["addedRows"] as? NSNumber)?.intValue == rows)
            }
        }
        #expect(try fixture.service.versions("payments.transactions").last?.rowCount == Int64(200 + rows))
        #expect(Self.uploads(fixture).isEmpty)
    }

    @Test("a rejected publish answers 422 with the failed checks; the product and the uploads directory are unchanged")
    func rejected() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let before = try fixture.service.versions("payments.transactions")
        let bad = "txn_id,customer_id,amount\nt9001,c1,-5\nt9002,c2,3\n"
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/products/payments.transactions/publish?format=csv", method: .post,
                                     headers: Self.headers(fixture, "paula"), body: ByteBuffer(string: bad)) { response in
                #expect(response.status == .unprocessableContent)
                let error = ServerTesting.error(response)
                #expect(error["code"] as? String == "rejected")
                let details = error["details"] as? [String] ?? []
                #expect(details.contains { $0.contains("amount") && $0.contains("-5") }, "\(details)")
            }
        }
        #expect(try fixture.service.versions("payments.transactions") == before)
        #expect(try fixture.service.rejections("payments.transactions").count == 1)
        #expect(Self.uploads(fixture).isEmpty)
    }

    @Test("several uploads published as one version; an upload is only its uploader's and is used once")
    func uploadsThenPublish() async throws {
        let fixture = try ServerFixture.make()
        defer { fixture.remove() }
        let app = MeshApplication.build(service: fixture.service, port: 0)
        try await app.test(.router) { client in
            var ids: [String] = []
            for range in [200..<230, 230..<250] {
                try await client.execute(uri: "/api/v1/uploads?name=part.csv", method: .post, headers: Self.headers(fixture, "paula"),
                                         body: ByteBuffer(string: ServerFixture.csv(range))) { response in
                    #expect(response.status == .created)
                    let answer = ServerTesting.object(response)
                    #expect((answer["bytes"] as? NSNumber)?.intValue == ServerFixture.csv(range).utf8.count)
                    ids.append(answer["id"] as? String ?? "")
                }
            }
            #expect(Self.uploads(fixture).count == 2)
            let body = ByteBuffer(string: #"{"uploads": ["\#(ids[0])", "\#(ids[1])"], "format": "csv"}"#)
            try await client.execute(uri: "/api/v1/products/payments.transactions/publish", method: .post,
                                     headers: Self.headers(fixture, "carl", contentType: "application/json"), body: body) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/publish", method: .post,
                                     headers: Self.headers(fixture, "paula", contentType: "application/json"), body: body) { response in
                #expect(response.status == .created, "\(String(buffer: response.body).prefix(400))")
                #expect(((ServerTesting.object(response)["outcome"] as? [String: Any])?["addedRows"] as? NSNumber)?.intValue == 50)
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/publish", method: .post,
                                     headers: Self.headers(fixture, "paula", contentType: "application/json"), body: body) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/v1/products/payments.transactions/publish", method: .post,
                                     headers: Self.headers(fixture, "paula", contentType: "application/json"),
                                     body: ByteBuffer(string: #"{"uploads": "x"}"#)) { response in
                #expect(response.status == .badRequest)
                #expect(ServerTesting.error(response)["context"] as? String == "uploads")
            }
        }
        #expect(Self.uploads(fixture).isEmpty)
        #expect(try fixture.service.versions("payments.transactions").map(\.version) == [1, 2, 3])
    }
}
