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
        api.get("products") { request, context in
            _ = try context.caller()
            let domain = APIHandler.query(request, "domain")
            return try await APIHandler.respond { try service.products(domain: domain) }
        }
        api.get("products/{id}") { _, context in
            _ = try context.caller()
            let id = try IcebergCatalogRoutes.parameter("id", context)
            // A catalog lookup answered from memory while nothing changes: no thread hop.
            let body = try service.memoized("api.product:" + id) { () throws(MeshError) in
                let product = try service.product(id)
                do { return ByteBuffer(bytes: try APIHandler.encoder().encode(product)) } catch {
                    throw MeshError(.storage, "cannot encode product \(id): \(error)", context: id)
                }
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        }
        api.get("products/{id}/versions") { _, context in
            _ = try context.caller()
            let id = try IcebergCatalogRoutes.parameter("id", context)
            return try await APIHandler.respond { try service.versions(id) }
        }
        api.get("products/{id}/read") { request, context in try await self.read(request, context) }
        api.get("search") { request, context in
            _ = try context.caller()
            guard let text = APIHandler.query(request, "q") else {
                throw MeshError(.invalidInput, "give the words to search for as ?q=WORDS", context: "q")
            }
            let limit = try APIHandler.number(request, "limit") ?? 20
            return try await APIHandler.respond { try service.search(text, limit: max(1, min(limit, 200))) }
        }
        api.get("openapi.json") { _, _ in JSONResponse.make(OpenAPIDocument.json) }
    }

    /// `GET /api/v1/products/{id}/read?columns=&where=&limit=&purpose=&version=&table=&format=`:
    /// the rows streamed as JSON lines, CSV or Parquet, after the same access decision as
    /// `mesh read` (masked or dropped columns per the caller's grant and purpose; audited); the
    /// masking decisions in `Mesh-Read-Decisions`, the version in `Mesh-Version`.
    func read(_ request: Request, _ context: MeshRequestContext) async throws -> Response {
        let caller = try context.caller()
        let query = request.uri.queryParameters
        let columns = query.get("columns").map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        let limit = try APIHandler.number(request, "limit")
        let version = try query.get("version").map { text throws(MeshError) in try VersionSpec(parsing: text) } ?? .latest
        let formatText = APIHandler.query(request, "format") ?? "jsonl"
        guard let format = ReadStream.Format(rawValue: formatText) else {
            throw MeshError(.invalidInput, "format must be \(ReadStream.Format.allCases.map(\.rawValue).joined(separator: ", ")), not \(formatText)", context: "format")
        }
        let id = try IcebergCatalogRoutes.parameter("id", context)
        let table = query.get("table"), filter = query.get("where"), purpose = IcebergCatalogRoutes.purpose(of: request)
        let box = try await APIHandler.run {
            ReadBox(read: try service.read(productID: id, at: version, table: table, columns: columns, filter: filter, limit: limit,
                                           purpose: purpose, by: caller))
        }
        return try ReadStream.response(box.read, format: format)
    }
}

/// An opened read handed from the thread pool back to the request task.
struct ReadBox: @unchecked Sendable {
    // @unchecked: the read is created on the pool and then used by one task only (ReadStream).
    let read: ProductRead
}
