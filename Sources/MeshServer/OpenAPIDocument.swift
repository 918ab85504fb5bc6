import Avro

/// The OpenAPI 3.1 document of every route the server answers, served at
/// `/api/v1/openapi.json` (a test checks that every registered route is in it).
public enum OpenAPIDocument {
    /// One documented operation.
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let tag: String
        let statuses: [Int]
        var parameters: [String] = []
    }

    /// Every operation, in the order served.
    static let operations: [Operation] = [
        Operation(method: "get", path: "/health", summary: "Liveness; needs no token", tag: "server", statuses: [200]),
        Operation(method: "head", path: "/health", summary: "Liveness; needs no token", tag: "server", statuses: [200]),
        Operation(method: "get", path: "/v1/config", summary: "Iceberg REST catalog configuration", tag: "iceberg", statuses: [200, 401]),
        Operation(method: "get", path: "/v1/namespaces", summary: "Domains; under ?parent=DOMAIN, its multi-table products", tag: "iceberg", statuses: [200, 401, 404],
                  parameters: ["parent"]),
        Operation(method: "get", path: "/v1/namespaces/{namespace}", summary: "A domain or multi-table product", tag: "iceberg", statuses: [200, 401, 404]),
        Operation(method: "head", path: "/v1/namespaces/{namespace}", summary: "Whether a namespace exists", tag: "iceberg", statuses: [204, 401, 404]),
        Operation(method: "get", path: "/v1/namespaces/{namespace}/tables", summary: "The tables of a namespace", tag: "iceberg", statuses: [200, 401, 404]),
        Operation(method: "post", path: "/v1/namespaces/{namespace}/tables", summary: "Refused: products are created by registering a contract", tag: "iceberg",
                  statuses: [400, 401]),
        Operation(method: "get", path: "/v1/namespaces/{namespace}/tables/{table}",
                  summary: "Load a table (LoadTableResult); a consumer declares its purpose (X-Mesh-Purpose) and must see every column unmasked",
                  tag: "iceberg", statuses: [200, 401, 403, 404], parameters: ["purpose"]),
        Operation(method: "head", path: "/v1/namespaces/{namespace}/tables/{table}", summary: "Whether a table exists", tag: "iceberg", statuses: [204, 401, 404]),
        Operation(method: "post", path: "/v1/namespaces/{namespace}/tables/{table}",
                  summary: "Commit (CommitTableRequest) through the publish gate; 422 lists the failed checks", tag: "iceberg",
                  statuses: [200, 400, 401, 403, 404, 409, 413, 422]),
        Operation(method: "get", path: "/v1/events/stream",
                  summary: "Server-sent events of a consumer's feed (text/event-stream); resumes after Last-Event-ID or ?after=", tag: "events",
                  statuses: [200, 400, 401, 403], parameters: ["consumer", "after", "timeout"]),
        Operation(method: "get", path: "/metrics", summary: "Prometheus metrics (text exposition); admin or governance", tag: "server",
                  statuses: [200, 401, 403]),
        Operation(method: "get", path: "/api/v1/products", summary: "Products (optionally of ?domain=)", tag: "products", statuses: [200, 401], parameters: ["domain"]),
        Operation(method: "get", path: "/api/v1/products/{id}", summary: "A product", tag: "products", statuses: [200, 401, 404]),
        Operation(method: "get", path: "/api/v1/products/{id}/versions", summary: "A product's versions, oldest first", tag: "products", statuses: [200, 401, 404]),
        Operation(method: "get", path: "/api/v1/products/{id}/read",
                  summary: "Read a version as JSON lines, masked per the caller's grant and purpose (X-Mesh-Purpose or ?purpose=)", tag: "products",
                  statuses: [200, 400, 401, 403, 404], parameters: ["columns", "where", "limit", "purpose", "version", "table"]),
        Operation(method: "get", path: "/api/v1/search", summary: "Search products and glossary terms (?q=WORDS&limit=N)", tag: "products", statuses: [200, 400, 401],
                  parameters: ["q", "limit"]),
        Operation(method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "server", statuses: [200, 401]),
    ]

    /// The document.
    public static let json: JSONValue = {
        var paths: [JSONMember] = []
        for path in operations.map(\.path).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            let members = operations.filter { $0.path == path }.map { op in
                JSONMember(op.method, .object([
                    JSONMember("summary", .string(op.summary)),
                    JSONMember("tags", .array([.string(op.tag)])),
                    JSONMember("parameters", .array(pathParameters(op.path).map { parameter($0, in: "path", required: true) }
                                                    + op.parameters.map { parameter($0, in: "query", required: false) })),
                    JSONMember("responses", .object(op.statuses.map { JSONMember(String($0), .object([JSONMember("description", .string(description($0)))])) })),
                ] + (op.path == "/health" ? [JSONMember("security", .array([]))] : [])))
            }
            paths.append(JSONMember(path, .object(members)))
        }
        return .object([
            JSONMember("openapi", "3.1.0"),
            JSONMember("info", .object([JSONMember("title", "Meshwork server"), JSONMember("version", "1")])),
            JSONMember("paths", .object(paths)),
            JSONMember("components", .object([JSONMember("securitySchemes", .object([
                JSONMember("bearer", .object([JSONMember("type", "http"), JSONMember("scheme", "bearer")])),
            ]))])),
            JSONMember("security", .array([.object([JSONMember("bearer", .array([]))])])),
        ])
    }()

    /// `{name}` segments of a path.
    static func pathParameters(_ path: String) -> [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map { String($0.dropFirst().dropLast()) }
    }

    static func parameter(_ name: String, in location: String, required: Bool) -> JSONValue {
        .object([JSONMember("name", .string(name)), JSONMember("in", .string(location)), JSONMember("required", .bool(required)),
                 JSONMember("schema", .object([JSONMember("type", "string")]))])
    }

    static func description(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "Exists"
        case 400: "Bad input"
        case 401: "No or bad bearer token"
        case 403: "Not allowed (no grant, purpose, or a column that would be masked)"
        case 404: "Not found"
        case 409: "Conflict (a requirement failed; reload and retry)"
        case 413: "Too large"
        case 422: "Rejected by the contract's checks or policies"
        default: "Error"
        }
    }
}
