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
        /// The request body: a JSON object's fields (`name` required, `name?` optional), or nil.
        var body: Body? = nil
        /// The JSON answer's schema (a service result type) for 200/201, when JSON.
        var returns: String? = nil
    }

    /// What a request carries.
    enum Body {
        /// A JSON object with these fields (`?` suffix: optional).
        case json([String])
        /// A document of this media type (a contract or bundle as YAML, a file to publish).
        case document(String)
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
        Operation(method: "get", path: "/api/v1/products", summary: "Products (optionally of ?domain=)", tag: "products", statuses: [200, 401], parameters: ["domain"],
                  returns: "[Product]"),
        Operation(method: "get", path: "/api/v1/products/{id}", summary: "A product", tag: "products", statuses: [200, 401, 404], returns: "Product"),
        Operation(method: "get", path: "/api/v1/products/{id}/versions", summary: "A product's versions, oldest first", tag: "products", statuses: [200, 401, 404],
                  returns: "[ProductVersion]"),
        Operation(method: "get", path: "/api/v1/products/{id}/read",
                  summary: "Read a version streamed as JSON lines, CSV or Parquet, masked per the caller's grant and purpose (X-Mesh-Purpose or ?purpose=); decisions in Mesh-Read-Decisions, the version in Mesh-Version",
                  tag: "products", statuses: [200, 400, 401, 403, 404], parameters: ["columns", "where", "limit", "purpose", "version", "table", "format"]),
        Operation(method: "get", path: "/api/v1/search", summary: "Search products and glossary terms (?q=WORDS&limit=N)", tag: "products", statuses: [200, 400, 401],
                  parameters: ["q", "limit"], returns: "[SearchHit]"),
        Operation(method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "server", statuses: [200, 401]),
        Operation(method: "get", path: "/api/v1/whoami", summary: "The token's principal", tag: "identity", statuses: [200, 401], returns: "Principal"),
        Operation(method: "get", path: "/api/v1/principals", summary: "Every principal", tag: "identity", statuses: [200, 401], returns: "[Principal]"),
        Operation(method: "post", path: "/api/v1/principals", summary: "Create a principal (administrators)", tag: "identity", statuses: [201, 400, 401, 403, 409],
                  body: .json(["name", "roles", "team?"]), returns: "Principal"),
        Operation(method: "post", path: "/api/v1/tokens", summary: "Create an API token (yourself; administrators: anyone)", tag: "identity",
                  statuses: [201, 400, 401, 403, 404], body: .json(["principal", "roles?", "expires?"]), returns: "IssuedToken"),
        Operation(method: "get", path: "/api/v1/domains", summary: "Every domain", tag: "domains", statuses: [200, 401], returns: "[Domain]"),
        Operation(method: "get", path: "/api/v1/domains/{name}", summary: "A domain", tag: "domains", statuses: [200, 401, 404], returns: "Domain"),
        Operation(method: "post", path: "/api/v1/domains", summary: "Create a domain (administrators)", tag: "domains", statuses: [201, 400, 401, 403, 409],
                  body: .json(["name", "owner", "description?"]), returns: "Domain"),
        Operation(method: "post", path: "/api/v1/products", summary: "Register or update a product from its contract (the domain's owners)", tag: "products",
                  statuses: [200, 400, 401, 403, 404, 422], parameters: ["source"], body: .document("application/yaml"), returns: "Registration"),
        Operation(method: "get", path: "/api/v1/products/{id}/details", summary: "Everything `mesh show` prints", tag: "products", statuses: [200, 401, 404],
                  returns: "ProductDetails"),
        Operation(method: "get", path: "/api/v1/products/{id}/contract", summary: "The contract in force (or ?version=): its record and YAML", tag: "products",
                  statuses: [200, 401, 404], parameters: ["version"], returns: "{record: ContractRecord, yaml: string}"),
        Operation(method: "get", path: "/api/v1/products/{id}/rejections", summary: "Publishes the gate rejected", tag: "products", statuses: [200, 401, 404],
                  returns: "[RejectedPublish]"),
        Operation(method: "post", path: "/api/v1/products/{id}/versions/{version}/revoke", summary: "Revoke a version and alert everything downstream (the domain's owners)",
                  tag: "products", statuses: [200, 400, 401, 403, 404, 409], body: .json(["reason"]), returns: "Revocation"),
        Operation(method: "post", path: "/api/v1/uploads", summary: "Stream a file to the server for a later publish (deleted after it, or an hour unused)",
                  tag: "publish", statuses: [201, 401, 413], parameters: ["name"], body: .document("application/octet-stream"), returns: "{id: string, bytes: integer}"),
        Operation(method: "post", path: "/api/v1/products/{id}/publish",
                  summary: "Publish the body (streamed to a temporary file) or earlier uploads (JSON {uploads, format?, mode?, from?, table?}) as the next version; 422 lists the failed checks",
                  tag: "publish", statuses: [201, 400, 401, 403, 404, 413, 422], parameters: ["format", "mode", "from", "table", "name"],
                  body: .document("application/octet-stream"), returns: "PublishResult"),
        Operation(method: "post", path: "/api/v1/check", summary: "Measure freshness against the SLA and raise alerts", tag: "quality", statuses: [200, 401, 404],
                  parameters: ["product"], returns: "[FreshnessCheck]"),
        Operation(method: "post", path: "/api/v1/retention", summary: "Expire versions older than the contracts' retention SLAs (the domains' owners; dryRun only reports)",
                  tag: "quality", statuses: [200, 401, 403, 404], parameters: ["product", "dryRun"], returns: "[RetentionOutcome]"),
        Operation(method: "get", path: "/api/v1/audit",
                  summary: "The newest audit entries, oldest first (admin and governance: all; a domain's owners: their products'; anyone: their own)",
                  tag: "governance", statuses: [200, 400, 401, 403, 404], parameters: ["principal", "product", "action", "since", "limit"], returns: "[AuditEntry]"),
        Operation(method: "get", path: "/api/v1/stats", summary: "Supply-chain figures", tag: "quality", statuses: [200, 401, 404], parameters: ["product"],
                  returns: "MeshStats"),
        Operation(method: "get", path: "/api/v1/subscriptions", summary: "Subscriptions", tag: "events", statuses: [200, 401], parameters: ["product", "consumer"],
                  returns: "[Subscription]"),
        Operation(method: "post", path: "/api/v1/subscriptions", summary: "Subscribe a consumer (yourself or your team) to a product", tag: "events",
                  statuses: [201, 400, 401, 403, 404], body: .json(["product", "consumer", "purpose", "majorVersion?", "webhook?"]), returns: "Subscription"),
        Operation(method: "delete", path: "/api/v1/subscriptions/{id}", summary: "Unsubscribe", tag: "events", statuses: [200, 401, 403, 404], returns: "Subscription"),
        Operation(method: "get", path: "/api/v1/events", summary: "The event feed the caller may see", tag: "events", statuses: [200, 400, 401],
                  parameters: ["consumer", "product", "after", "limit"], returns: "[MeshEvent]"),
        Operation(method: "get", path: "/api/v1/events/deliveries", summary: "The feed with each event's deliveries", tag: "events", statuses: [200, 400, 401],
                  parameters: ["consumer", "product", "after", "limit"], returns: "[EventDeliveries]"),
        Operation(method: "get", path: "/api/v1/events/{id}/deliveries", summary: "An event's deliveries", tag: "events", statuses: [200, 401, 404],
                  returns: "[Delivery]"),
        Operation(method: "post", path: "/api/v1/access-requests", summary: "Ask for access to a product for a purpose", tag: "access",
                  statuses: [201, 400, 401, 404, 409], body: .json(["product", "purpose", "justification?", "expires?"]), returns: "AccessRequestRecord"),
        Operation(method: "get", path: "/api/v1/access-requests", summary: "Access requests the caller may see", tag: "access", statuses: [200, 400, 401],
                  parameters: ["status"], returns: "[AccessRequestRecord]"),
        Operation(method: "post", path: "/api/v1/access-requests/{id}/approve", summary: "Approve a request (the product's domain owners)", tag: "access",
                  statuses: [200, 400, 401, 403, 404, 409], body: .json(["clearance?", "expires?"]), returns: "Grant"),
        Operation(method: "post", path: "/api/v1/access-requests/{id}/deny", summary: "Deny a request (the product's domain owners)", tag: "access",
                  statuses: [200, 400, 401, 403, 404, 409], body: .json(["reason"]), returns: "AccessRequestRecord"),
        Operation(method: "get", path: "/api/v1/grants", summary: "Grants the caller may see", tag: "access", statuses: [200, 400, 401],
                  parameters: ["product", "principal", "includeExpired"], returns: "[Grant]"),
        Operation(method: "post", path: "/api/v1/grants", summary: "Grant access without a request (the product's domain owners)", tag: "access",
                  statuses: [201, 400, 401, 403, 404], body: .json(["product", "principal", "purpose", "clearance?", "expires?"]), returns: "Grant"),
        Operation(method: "delete", path: "/api/v1/grants/{id}", summary: "Revoke a grant (the product's domain owners)", tag: "access", statuses: [200, 401, 403, 404],
                  returns: "Grant"),
        Operation(method: "post", path: "/api/v1/policies", summary: "Apply (or ?dryRun=true assess) a policy bundle (governance)", tag: "governance",
                  statuses: [200, 400, 401, 403, 422], parameters: ["dryRun", "source"], body: .document("application/yaml"), returns: "PolicyApplication"),
        Operation(method: "get", path: "/api/v1/glossary", summary: "The glossary in force", tag: "governance", statuses: [200, 401], returns: "[GlossaryEntry]"),
        Operation(method: "get", path: "/api/v1/glossary/{term}", summary: "A glossary term", tag: "governance", statuses: [200, 401, 404], returns: "GlossaryEntry"),
        Operation(method: "get", path: "/api/v1/lineage", summary: "The lineage graph around a version, training set or model", tag: "lineage",
                  statuses: [200, 400, 401, 404], parameters: ["ref", "direction", "depth"], returns: "LineageGraph"),
        Operation(method: "get", path: "/api/v1/lineage/openlineage", summary: "Recorded runs as OpenLineage events (after ?since=EVENT); the last event id in Mesh-Last-Event",
                  tag: "lineage", statuses: [200, 400, 401], parameters: ["since"], returns: "[OpenLineageEvent]"),
        Operation(method: "post", path: "/api/v1/trainsets", summary: "Build a training set from a spec", tag: "training", statuses: [201, 400, 401, 403, 404, 409],
                  parameters: ["name"], body: .document("application/yaml"), returns: "TrainingSetBuildResult"),
        Operation(method: "get", path: "/api/v1/trainsets", summary: "Training sets", tag: "training", statuses: [200, 401], returns: "[TrainingSetRecord]"),
        Operation(method: "get", path: "/api/v1/trainsets/{name}", summary: "A training set", tag: "training", statuses: [200, 401, 404], returns: "TrainingSetRecord"),
        Operation(method: "post", path: "/api/v1/trainsets/{name}/replay", summary: "Rebuild a training set from its manifest and compare", tag: "training",
                  statuses: [200, 401, 403, 404], returns: "TrainingSetReplay"),
        Operation(method: "post", path: "/api/v1/models", summary: "Register a model trained on a training set", tag: "training", statuses: [201, 400, 401, 403, 404, 409],
                  body: .json(["name", "trainingSet", "metrics?"]), returns: "ModelRecord"),
        Operation(method: "get", path: "/api/v1/models", summary: "Models (of ?trainset=)", tag: "training", statuses: [200, 401], parameters: ["trainset"],
                  returns: "[ModelRecord]"),
        Operation(method: "get", path: "/api/v1/models/{name}", summary: "A model", tag: "training", statuses: [200, 401, 404], returns: "ModelRecord"),
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
                    JSONMember("responses", .object(op.statuses.map { response($0, op) })),
                ] + requestBody(op) + (op.path == "/health" ? [JSONMember("security", .array([]))] : [])))
            }
            paths.append(JSONMember(path, .object(members)))
        }
        return .object([
            JSONMember("openapi", "3.1.0"),
            JSONMember("info", .object([JSONMember("title", "Meshwork server"), JSONMember("version", "1")])),
            JSONMember("paths", .object(paths)),
            JSONMember("components", .object([
                JSONMember("securitySchemes", .object([
                    JSONMember("bearer", .object([JSONMember("type", "http"), JSONMember("scheme", "bearer")])),
                ])),
                JSONMember("schemas", .object([JSONMember("Error", errorSchema)])),
            ])),
            JSONMember("security", .array([.object([JSONMember("bearer", .array([]))])])),
        ])
    }()

    /// The error body of the JSON API (`/v1/…` answers the Iceberg `ErrorModel` instead).
    static let errorSchema: JSONValue = .object([
        JSONMember("type", "object"),
        JSONMember("required", .array(["error"])),
        JSONMember("properties", .object([JSONMember("error", .object([
            JSONMember("type", "object"),
            JSONMember("required", .array(["code", "message", "details"])),
            JSONMember("properties", .object([
                JSONMember("code", .object([JSONMember("type", "string"), JSONMember("description", "MeshError.Kind: invalidInput, forbidden, notFound, rejected…")])),
                JSONMember("message", .object([JSONMember("type", "string")])),
                JSONMember("context", .object([JSONMember("type", "string")])),
                JSONMember("details", .object([JSONMember("type", "array"), JSONMember("items", .object([JSONMember("type", "string")]))])),
            ])),
        ]))])),
    ])

    /// One response of `op`: the result's schema for a success, the error schema otherwise.
    static func response(_ status: Int, _ op: Operation) -> JSONMember {
        var members = [JSONMember("description", .string(description(status)))]
        if status >= 400 {
            members.append(JSONMember("content", .object([JSONMember("application/json", .object([
                JSONMember("schema", .object([JSONMember("$ref", "#/components/schemas/Error")])),
            ]))])))
        } else if let returns = op.returns {
            members.append(JSONMember("content", .object([JSONMember("application/json", .object([
                JSONMember("schema", .object([JSONMember("type", .string(returns.hasPrefix("[") ? "array" : "object")),
                                              JSONMember("description", .string("The service's \(returns), JSON-encoded (ISO-8601 dates)"))])),
            ]))])))
        }
        return JSONMember(String(status), .object(members))
    }

    /// The `requestBody` member of `op`, if it takes one.
    static func requestBody(_ op: Operation) -> [JSONMember] {
        guard let body = op.body else { return [] }
        let content: JSONMember
        switch body {
        case .json(let fields):
            let required = fields.filter { !$0.hasSuffix("?") }
            let properties = fields.map { field in
                let name = field.hasSuffix("?") ? String(field.dropLast()) : field
                let type = ["roles", "from", "uploads"].contains(name) ? "array" : ["majorVersion"].contains(name) ? "integer" : "string"
                return JSONMember(name, .object([JSONMember("type", .string(type))] + (type == "array" ? [JSONMember("items", .object([JSONMember("type", "string")]))] : [])))
            }
            content = JSONMember("application/json", .object([JSONMember("schema", .object([
                JSONMember("type", "object"), JSONMember("required", .array(required.map { .string($0) })), JSONMember("properties", .object(properties)),
            ]))]))
        case .document(let mediaType):
            content = JSONMember(mediaType, .object([JSONMember("schema", .object([JSONMember("type", "string")] + (mediaType.hasPrefix("application/octet") ? [JSONMember("format", "binary")] : [])))]))
        }
        return [JSONMember("requestBody", .object([JSONMember("required", .bool(true)), JSONMember("content", .object([content]))]))]
    }

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
        case 201: "Created"
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
