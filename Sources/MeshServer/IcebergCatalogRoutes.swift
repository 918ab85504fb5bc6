import Avro
import Foundation
import Hummingbird
import Iceberg
import Mesh

/// The Iceberg REST catalog (apache/iceberg `open-api/rest-catalog-open-api.yaml`) over the
/// mesh catalog: namespaces are domains (and `DOMAIN.PRODUCT` for products with several
/// tables), tables are products' output tables.
///
/// Loading a table is an access decision: a consumer must hold a grant for the purpose it
/// declares (`X-Mesh-Purpose` header, or the `purpose` query parameter) under which no column
/// of the table is masked or dropped; see ``MeshService/loadCatalogTable(namespace:name:purpose:by:)``.
public struct IcebergCatalogRoutes: Sendable {
    /// The header a consumer declares its purpose in (pyiceberg: `header.X-Mesh-Purpose`).
    public static let purposeHeader = "X-Mesh-Purpose"

    /// The purpose `request` declares: the `X-Mesh-Purpose` header, else the `purpose` query parameter.
    static func purpose(of request: Request) -> String? {
        request.headers.first { $0.name.canonicalName == purposeHeader.lowercased() }?.value ?? request.uri.queryParameters.get("purpose")
    }

    /// The mesh served.
    public let service: MeshService

    /// Creates the routes over `service`.
    public init(service: MeshService) { self.service = service }

    /// Every route this catalog serves, as the spec's `endpoints` of `GET /v1/config` name them
    /// (`METHOD /v1/{prefix}/…`; this catalog uses no prefix, so the paths are `/v1/…`).
    public static let endpoints = [
        "GET /v1/{prefix}/namespaces", "GET /v1/{prefix}/namespaces/{namespace}", "HEAD /v1/{prefix}/namespaces/{namespace}",
        "GET /v1/{prefix}/namespaces/{namespace}/tables", "POST /v1/{prefix}/namespaces/{namespace}/tables",
        "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}", "HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}",
        "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}",
    ]

    /// Adds the routes to `router`.
    public func add(to router: Router<MeshRequestContext>) {
        let v1 = router.group("v1")
        v1.get("config") { _, _ in Self.config() }
        v1.get("namespaces") { request, _ in try self.listNamespaces(request) }
        v1.get("namespaces/{namespace}") { _, context in try self.loadNamespace(context) }
        v1.head("namespaces/{namespace}") { _, context in
            _ = try self.service.catalogNamespace(try Self.namespace(context))
            return Response(status: .noContent)
        }
        v1.get("namespaces/{namespace}/tables") { _, context in try self.listTables(context) }
        v1.post("namespaces/{namespace}/tables") { _, context -> Response in
            let namespace = try Self.namespace(context)
            throw MeshError(.invalidInput, "tables cannot be created through the catalog: a product's tables are created by registering its contract "
                            + "(`mesh product register CONTRACT.yaml`) in domain \(namespace.joined(separator: "."))")
        }
        v1.get("namespaces/{namespace}/tables/{table}") { request, context in try await self.loadTable(request, context) }
        v1.post("namespaces/{namespace}/tables/{table}") { request, context in try await self.commit(request, context) }
        v1.head("namespaces/{namespace}/tables/{table}") { _, context in
            _ = try self.service.catalogTable(namespace: try Self.namespace(context), name: try Self.parameter("table", context))
            return Response(status: .noContent)
        }
    }

    /// `GET /v1/config`: no overrides; the endpoints served.
    static func config() -> Response {
        JSONResponse.make(.object([
            JSONMember("defaults", .object([])),
            JSONMember("overrides", .object([])),
            JSONMember("endpoints", .array(endpoints.map { .string($0) })),
        ]))
    }

    /// `GET /v1/namespaces[?parent=NS]`.
    func listNamespaces(_ request: Request) throws -> Response {
        let parent = request.uri.queryParameters.get("parent").map(Self.splitNamespace) ?? []
        let namespaces = try service.catalogNamespaces(under: parent)
        return JSONResponse.make(.object([JSONMember("namespaces", .array(namespaces.map(Self.namespaceJSON)))]))
    }

    /// `GET /v1/namespaces/{namespace}`.
    func loadNamespace(_ context: MeshRequestContext) throws -> Response {
        let namespace = try Self.namespace(context)
        let properties = try service.catalogNamespace(namespace)
        return JSONResponse.make(.object([
            JSONMember("namespace", Self.namespaceJSON(namespace)),
            JSONMember("properties", .object(properties.sorted { $0.key < $1.key }.map { JSONMember($0.key, .string($0.value)) })),
        ]))
    }

    /// `GET /v1/namespaces/{namespace}/tables`.
    func listTables(_ context: MeshRequestContext) throws -> Response {
        let namespace = try Self.namespace(context)
        let names = try service.catalogTableNames(in: namespace)
        return JSONResponse.make(.object([JSONMember("identifiers", .array(names.map {
            .object([JSONMember("namespace", Self.namespaceJSON(namespace)), JSONMember("name", .string($0))])
        }))]))
    }

    /// `GET /v1/namespaces/{namespace}/tables/{table}`: the LoadTableResult, after the access decision.
    func loadTable(_ request: Request, _ context: MeshRequestContext) async throws -> Response {
        let caller = try context.caller()
        let purpose = Self.purpose(of: request)
        let found = try await service.loadCatalogTable(namespace: try Self.namespace(context), name: try Self.parameter("table", context),
                                                 purpose: purpose, by: caller)
        // The answer depends only on the metadata file, which is never rewritten. The encoded
        // buffer itself is kept: responses share its storage (copy on write) instead of copying it.
        let body = try service.memoized("iceberg.load:" + found.table.metadataLocation) { () throws(MeshError) in
            ByteBuffer(string: JSONValue.object([
                JSONMember("metadata-location", .string(found.table.metadataLocation)),
                JSONMember("metadata", found.table.metadata.json),
                JSONMember("config", .object([])),
            ]).compactSerialized())
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
    }

    /// `POST /v1/namespaces/{namespace}/tables/{table}`: an engine's commit, through the
    /// publish gate (``MeshService/commitExternal(namespace:name:requirements:updates:by:)``).
    func commit(_ request: Request, _ context: MeshRequestContext) async throws -> Response {
        let caller = try context.caller()
        let body = try await request.body.collect(upTo: Self.maxCommitSize)
        let commit = try CommitTableRequest(json: Array(buffer: body))
        let result = try service.commitExternal(namespace: try Self.namespace(context), name: try Self.parameter("table", context),
                                                requirements: commit.requirements, updates: commit.updates, by: caller)
        return JSONResponse.make(.object([
            JSONMember("metadata-location", .string(result.metadataLocation)),
            JSONMember("metadata", result.metadata.json),
        ]))
    }

    /// The largest commit body accepted (metadata only: data files are written by the engine).
    static let maxCommitSize = 16 << 20

    // MARK: Parameters

    /// A path parameter, percent-decoded.
    static func parameter(_ name: String, _ context: MeshRequestContext) throws(MeshError) -> String {
        guard let raw = context.parameters.get(name) else { throw MeshError(.invalidInput, "missing path parameter \(name)") }
        // Most names carry no escapes; Foundation's decoder is slow enough to show in a load test.
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        return raw.removingPercentEncoding ?? raw
    }

    /// The `{namespace}` parameter as its levels (joined by the unit separator, U+001F).
    static func namespace(_ context: MeshRequestContext) throws(MeshError) -> [String] {
        splitNamespace(try parameter("namespace", context))
    }

    /// Splits an encoded namespace into levels.
    static func splitNamespace(_ text: String) -> [String] {
        text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
    }

    /// A namespace as a JSON array of levels.
    static func namespaceJSON(_ levels: [String]) -> JSONValue { .array(levels.map { .string($0) }) }
}
