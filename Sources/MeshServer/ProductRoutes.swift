import Catalog
import Foundation
import Hummingbird
import Mesh
import TextFormats

/// The mesh's JSON API for products (`/api/v1`): list, show, versions, search.
///
/// Every authenticated principal may discover products (their metadata, never data values);
/// reading data goes through the access decision (`mesh read`, or the Iceberg catalog).
public struct ProductRoutes: Sendable {
    /// The mesh served.
    public let service: MeshService

    /// Creates the routes over `service`.
    public init(service: MeshService) { self.service = service }

    /// Adds the routes to `router`.
    public func add(to router: Router<MeshRequestContext>) {
        let api = router.group("api/v1")
        api.get("products") { request, _ in
            try Self.json(try service.products(domain: request.uri.queryParameters.get("domain")))
        }
        api.get("products/{id}") { _, context in
            try Self.json(try service.product(try IcebergCatalogRoutes.parameter("id", context)))
        }
        api.get("products/{id}/versions") { _, context in
            try Self.json(try service.versions(try IcebergCatalogRoutes.parameter("id", context)))
        }
        api.get("products/{id}/read") { request, context in try self.read(request, context) }
        api.get("search") { request, _ in
            guard let text = request.uri.queryParameters.get("q") else {
                throw MeshError(.invalidInput, "give the words to search for as ?q=WORDS", context: "q")
            }
            let limit = request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 20
            return try Self.json(try service.search(text, limit: max(1, min(limit, 200))))
        }
        api.get("openapi.json") { _, _ in JSONResponse.make(OpenAPIDocument.json) }
    }

    /// `GET /api/v1/products/{id}/read?columns=&where=&limit=&purpose=&version=&table=`: the
    /// rows as JSON lines, after the same access decision as `mesh read` (masked or dropped
    /// columns per the caller's grant and purpose; audited).
    func read(_ request: Request, _ context: MeshRequestContext) throws -> Response {
        let caller = try context.caller()
        let query = request.uri.queryParameters
        let columns = query.get("columns").map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        var limit: Int?
        if let text = query.get("limit") {
            guard let n = Int(text), n >= 0 else { throw MeshError(.invalidInput, "limit must be a whole number ≥ 0", context: "limit") }
            limit = n
        }
        let version = try query.get("version").map { text throws(MeshError) in try VersionSpec(parsing: text) } ?? .latest
        var opened = try service.read(productID: try IcebergCatalogRoutes.parameter("id", context), at: version, table: query.get("table"),
                                      columns: columns, filter: query.get("where"), limit: limit,
                                      purpose: IcebergCatalogRoutes.purpose(of: request), by: caller)
        let output = MemoryOutput()
        var writer = JSONLinesWriter(output: output, schema: opened.reader.schema)
        do {
            while let batch = try opened.reader.next() { try writer.write(batch) }
            try writer.finish()
        } catch let error as TextFormatError {
            throw MeshError(.storage, "cannot render the rows: \(error)")
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: output.bytes)))
    }

    /// `value` as a JSON response (ISO-8601 dates, sorted keys).
    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
