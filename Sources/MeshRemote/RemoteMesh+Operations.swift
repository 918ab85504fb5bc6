import Catalog
import Foundation
import Mesh

extension RemoteMesh {
    public func whoami() throws(MeshError) -> Principal { try call("GET", ["whoami"]) }

    public func principals() throws(MeshError) -> [Principal] { try call("GET", ["principals"]) }
    public func createPrincipal(name: String, roles: Set<Principal.Role>, team: String?) throws(MeshError) -> Principal {
        try call("POST", ["principals"], body: WireValue.object([
            ("name", .string(name)), ("roles", .strings(roles.map(\.rawValue).sorted())), ("team", team.map(WireValue.string)),
        ]))
    }

    public func createToken(for name: String, roles: Set<Principal.Role>, expires: Date?) throws(MeshError) -> IssuedToken {
        try call("POST", ["tokens"], body: WireValue.object([
            ("principal", .string(name)), ("roles", roles.isEmpty ? nil : .strings(roles.map(\.rawValue).sorted())), ("expires", expires.map(WireValue.date)),
        ]))
    }

    public func domains() throws(MeshError) -> [Domain] { try call("GET", ["domains"]) }
    public func domain(_ name: String) throws(MeshError) -> Domain { try call("GET", ["domains", name]) }
    public func createDomain(name: String, owner: String, description: String) throws(MeshError) -> Domain {
        try call("POST", ["domains"], body: WireValue.object([
            ("name", .string(name)), ("owner", .string(owner)), ("description", description.isEmpty ? nil : .string(description)),
        ]))
    }

    public func products(domain: String?) throws(MeshError) -> [Product] { try call("GET", ["products"], query: [("domain", domain)]) }
    public func product(_ id: String) throws(MeshError) -> Product { try call("GET", ["products", id]) }
    public func registerProduct(contractYAML: String, source: String) throws(MeshError) -> Registration {
        try call("POST", ["products"], query: [("source", source)], data: Data(contractYAML.utf8), contentType: "application/yaml")
    }
    public func show(_ productID: String) throws(MeshError) -> ProductDetails { try call("GET", ["products", productID, "details"]) }
    public func revokeVersion(_ reference: String, reason: String) throws(MeshError) -> Revocation {
        let (productID, version) = try VersionSpec.split(reference)
        return try call("POST", ["products", productID, "versions", version.description, "revoke"], body: ["reason": .string(reason)])
    }
    public func versions(_ productID: String) throws(MeshError) -> [ProductVersion] { try call("GET", ["products", productID, "versions"]) }
    public func rejections(_ productID: String) throws(MeshError) -> [RejectedPublish] { try call("GET", ["products", productID, "rejections"]) }
    public func search(_ text: String, limit: Int) throws(MeshError) -> [SearchHit] {
        try call("GET", ["search"], query: [("q", text), ("limit", String(limit))])
    }

    public func check(productID: String?) throws(MeshError) -> [FreshnessCheck] {
        try call("POST", ["check"], query: [("product", productID)], body: [:])
    }
    public func auditLog(principal: String?, productID: String?, action: String?, since: Date?, limit: Int?) throws(MeshError) -> [AuditEntry] {
        try call("GET", ["audit"], query: [("principal", principal), ("product", productID), ("action", action),
                                           ("since", since.map(Timestamp.iso)), ("limit", limit.map(String.init))])
    }
    public func applyRetention(productID: String?, dryRun: Bool) throws(MeshError) -> [RetentionOutcome] {
        try call("POST", ["retention"], query: [("product", productID), ("dryRun", dryRun ? "true" : nil)], body: [:])
    }
    public func stats(productID: String?) throws(MeshError) -> MeshStats { try call("GET", ["stats"], query: [("product", productID)]) }

    public func applyPolicy(yaml: String, source: String, dryRun: Bool) throws(MeshError) -> PolicyApplication {
        try call("POST", ["policies"], query: [("dryRun", String(dryRun)), ("source", source)], data: Data(yaml.utf8), contentType: "application/yaml")
    }
    public func glossary() throws(MeshError) -> [GlossaryEntry] { try call("GET", ["glossary"]) }
    public func glossaryTerm(_ id: String) throws(MeshError) -> GlossaryEntry { try call("GET", ["glossary", id]) }

    public func subscriptions(productID: String?, consumer: String?) throws(MeshError) -> [Subscription] {
        try call("GET", ["subscriptions"], query: [("product", productID), ("consumer", consumer)])
    }
    public func subscribe(productID: String, consumer: String, purpose: String, majorVersion: Int?, webhook: String?) throws(MeshError) -> Subscription {
        try call("POST", ["subscriptions"], body: WireValue.object([
            ("product", .string(productID)), ("consumer", .string(consumer)), ("purpose", .string(purpose)),
            ("majorVersion", majorVersion.map { .int(Int64($0)) }), ("webhook", webhook.map(WireValue.string)),
        ]))
    }
    public func unsubscribe(id: Int64) throws(MeshError) -> Subscription { try call("DELETE", ["subscriptions", String(id)]) }

    public func eventDeliveries(consumer: String?, product: String?, after: Int64?, limit: Int?) throws(MeshError) -> [EventDeliveries] {
        try call("GET", ["events", "deliveries"], query: [
            ("consumer", consumer), ("product", product), ("after", after.map { String($0) }), ("limit", limit.map { String($0) }),
        ])
    }

    public func requestAccess(productID: String, purpose: String, justification: String, expires: Date?) throws(MeshError) -> AccessRequestRecord {
        try call("POST", ["access-requests"], body: WireValue.object([
            ("product", .string(productID)), ("purpose", .string(purpose)),
            ("justification", justification.isEmpty ? nil : .string(justification)), ("expires", expires.map(WireValue.date)),
        ]))
    }
    public func accessRequests(status: AccessRequestRecord.Status?) throws(MeshError) -> [AccessRequestRecord] {
        try call("GET", ["access-requests"], query: [("status", status?.rawValue)])
    }
    public func approve(requestID: Int64, clearance: String?, expires: Date?) throws(MeshError) -> Grant {
        try call("POST", ["access-requests", String(requestID), "approve"], body: WireValue.object([
            ("clearance", clearance.map(WireValue.string)), ("expires", expires.map(WireValue.date)),
        ]))
    }
    public func deny(requestID: Int64, reason: String) throws(MeshError) -> AccessRequestRecord {
        try call("POST", ["access-requests", String(requestID), "deny"], body: ["reason": .string(reason)])
    }
    public func grant(productID: String, principal: String, purpose: String, clearance: String?, expires: Date?) throws(MeshError) -> Grant {
        try call("POST", ["grants"], body: WireValue.object([
            ("product", .string(productID)), ("principal", .string(principal)), ("purpose", .string(purpose)),
            ("clearance", clearance.map(WireValue.string)), ("expires", expires.map(WireValue.date)),
        ]))
    }
    public func grants(productID: String?, principal: String?, includeExpired: Bool) throws(MeshError) -> [Grant] {
        try call("GET", ["grants"], query: [("product", productID), ("principal", principal), ("includeExpired", String(includeExpired))])
    }
    public func revokeGrant(id: Int64) throws(MeshError) -> Grant { try call("DELETE", ["grants", String(id)]) }

    public func lineage(of reference: LineageReference, direction: LineageDirection, depth: Int?) throws(MeshError) -> LineageGraph {
        try call("GET", ["lineage"], query: [("ref", reference.text), ("direction", direction.rawValue), ("depth", depth.map { String($0) })])
    }
    public func exportLineage(since: Int64?) throws(MeshError) -> LineageExport {
        let request = request("GET", ["lineage", "openlineage"], query: [("since", since.map { String($0) })])
        let answer = try exchange.send(request)
        let events: [OpenLineageEvent] = try decode(request, answer)
        return LineageExport(events: events, lastEventID: answer.headers["mesh-last-event"].flatMap { Int64($0) })
    }
    public func trainingSets() throws(MeshError) -> [TrainingSetRecord] { try call("GET", ["trainsets"]) }
    public func trainingSet(_ name: String) throws(MeshError) -> TrainingSetRecord { try call("GET", ["trainsets", name]) }

    public func buildTrainingSet(specYAML: String, name: String?) throws(MeshError) -> TrainingSetBuildResult {
        try call("POST", ["trainsets"], query: [("name", name)], data: Data(specYAML.utf8), contentType: "application/yaml")
    }
    public func replayTrainingSet(name: String) throws(MeshError) -> TrainingSetReplay {
        try call("POST", ["trainsets", name, "replay"], body: [:])
    }

    public func registerModel(name: String, trainingSet: String, metrics: String?) throws(MeshError) -> ModelRecord {
        try call("POST", ["models"], body: WireValue.object([
            ("name", .string(name)), ("trainingSet", .string(trainingSet)), ("metrics", metrics.map(WireValue.string)),
        ]))
    }
    public func models(trainingSet: String?) throws(MeshError) -> [ModelRecord] { try call("GET", ["models"], query: [("trainset", trainingSet)]) }
    public func model(_ name: String) throws(MeshError) -> ModelRecord { try call("GET", ["models", name]) }
}
