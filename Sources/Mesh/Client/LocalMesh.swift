import Catalog
import Foundation

/// The mesh operations on an embedded mesh directory, acting as one principal.
///
/// The principal is resolved (``MeshService/resolveCaller(_:environment:)``) only by the
/// operations that change something, so listing works without one, as it always has.
public struct LocalMesh: MeshOperations {
    /// The service over the mesh directory.
    public let service: MeshService
    /// The principal named on the command line (`--as`), if any.
    public let principal: String?

    /// Creates the operations on `service`, acting as `principal` (else `$MESH_PRINCIPAL`, else the administrator).
    public init(service: MeshService, principal: String?) {
        self.service = service
        self.principal = principal
    }

    /// The acting principal.
    public func whoami() throws(MeshError) -> Principal { try service.resolveCaller(principal) }

    public func principals() throws(MeshError) -> [Principal] { try service.principals() }
    public func createPrincipal(name: String, roles: Set<Principal.Role>, team: String?) throws(MeshError) -> Principal {
        try service.createPrincipal(name: name, roles: roles, team: team, by: whoami())
    }

    public func createToken(for name: String, roles: Set<Principal.Role>, expires: Date?) throws(MeshError) -> IssuedToken {
        try service.createToken(for: name, roles: roles, expires: expires, by: whoami())
    }

    public func domains() throws(MeshError) -> [Domain] { try service.domains() }
    public func domain(_ name: String) throws(MeshError) -> Domain { try service.domain(name) }
    public func createDomain(name: String, owner: String, description: String) throws(MeshError) -> Domain {
        try service.createDomain(name: name, owner: owner, description: description, by: whoami())
    }

    public func products(domain: String?) throws(MeshError) -> [Product] { try service.products(domain: domain) }
    public func product(_ id: String) throws(MeshError) -> Product { try service.product(id) }
    public func registerProduct(contractYAML: String, source: String) throws(MeshError) -> Registration {
        try service.registerProduct(contractYAML: contractYAML, source: source, by: whoami())
    }
    public func publish(productID: String, files: [String], format: InputFormat?, mode: PublishMode, from: [String], table: String?,
                        progress: (@Sendable (Int64) -> Void)?) throws(MeshError) -> PublishResult {
        let caller = try whoami()
        var forward: (@Sendable (PublishProgress) -> Void)?
        if let progress { forward = { progress($0.bytesRead) } }
        return try service.publish(productID: productID, inputs: files.map { PublishInput(path: $0) }, format: format, mode: mode, from: from,
                                   table: table, by: caller, progress: forward)
    }
    public func show(_ productID: String) throws(MeshError) -> ProductDetails { try service.show(productID) }
    public func revokeVersion(_ reference: String, reason: String) throws(MeshError) -> Revocation {
        try service.revokeVersion(reference, reason: reason, by: whoami())
    }
    public func versions(_ productID: String) throws(MeshError) -> [ProductVersion] { try service.versions(productID) }
    public func rejections(_ productID: String) throws(MeshError) -> [RejectedPublish] { try service.rejections(productID) }
    public func search(_ text: String, limit: Int) throws(MeshError) -> [SearchHit] { try service.search(text, limit: limit) }

    public func check(productID: String?) throws(MeshError) -> [FreshnessCheck] { try service.check(productID: productID) }
    public func auditLog(principal: String?, productID: String?, action: String?, since: Date?, limit: Int?) throws(MeshError) -> [AuditEntry] {
        try service.auditLog(principal: principal, productID: productID, action: action, since: since, limit: limit, by: whoami())
    }
    public func applyRetention(productID: String?, dryRun: Bool) throws(MeshError) -> [RetentionOutcome] {
        try service.applyRetention(productID: productID, dryRun: dryRun, by: whoami())
    }
    public func stats(productID: String?) throws(MeshError) -> MeshStats { try service.stats(productID: productID) }

    public func applyPolicy(yaml: String, source: String, dryRun: Bool) throws(MeshError) -> PolicyApplication {
        try service.applyPolicy(yaml: yaml, source: source, dryRun: dryRun, by: whoami())
    }
    public func glossary() throws(MeshError) -> [GlossaryEntry] { try service.glossary() }
    public func glossaryTerm(_ id: String) throws(MeshError) -> GlossaryEntry { try service.glossaryTerm(id) }

    public func subscriptions(productID: String?, consumer: String?) throws(MeshError) -> [Subscription] {
        try service.subscriptions(productID: productID, consumer: consumer)
    }
    public func subscribe(productID: String, consumer: String, purpose: String, majorVersion: Int?, webhook: String?) throws(MeshError) -> Subscription {
        try service.subscribe(productID: productID, consumer: consumer, purpose: purpose, majorVersion: majorVersion, webhook: webhook, by: whoami())
    }
    public func unsubscribe(id: Int64) throws(MeshError) -> Subscription { try service.unsubscribe(id: id, by: whoami()) }

    public func eventDeliveries(consumer: String?, product: String?, after: Int64?, limit: Int?) throws(MeshError) -> [EventDeliveries] {
        try service.eventDeliveries(consumer: consumer, product: product, after: after, limit: limit)
    }

    public func requestAccess(productID: String, purpose: String, justification: String, expires: Date?) throws(MeshError) -> AccessRequestRecord {
        try service.requestAccess(productID: productID, purpose: purpose, justification: justification, expires: expires, by: whoami())
    }
    public func accessRequests(status: AccessRequestRecord.Status?) throws(MeshError) -> [AccessRequestRecord] {
        try service.accessRequests(status: status)
    }
    public func approve(requestID: Int64, clearance: String?, expires: Date?) throws(MeshError) -> Grant {
        try service.approve(requestID: requestID, clearance: clearance, expires: expires, by: whoami())
    }
    public func deny(requestID: Int64, reason: String) throws(MeshError) -> AccessRequestRecord {
        try service.deny(requestID: requestID, reason: reason, by: whoami())
    }
    public func grant(productID: String, principal: String, purpose: String, clearance: String?, expires: Date?) throws(MeshError) -> Grant {
        try service.grant(productID: productID, principal: principal, purpose: purpose, clearance: clearance, expires: expires, by: whoami())
    }
    public func grants(productID: String?, principal: String?, includeExpired: Bool) throws(MeshError) -> [Grant] {
        try service.grants(productID: productID, principal: principal, includeExpired: includeExpired)
    }
    public func revokeGrant(id: Int64) throws(MeshError) -> Grant { try service.revokeGrant(id: id, by: whoami()) }

    public func lineage(of reference: LineageReference, direction: LineageDirection, depth: Int?) throws(MeshError) -> LineageGraph {
        try service.lineage(of: reference, direction: direction, depth: depth)
    }
    public func exportLineage(since: Int64?) throws(MeshError) -> LineageExport {
        let runs = try service.openLineageEvents(since: since)
        return LineageExport(events: runs.map(\.event), lastEventID: runs.last?.eventID)
    }

    public func trainingSets() throws(MeshError) -> [TrainingSetRecord] { try service.trainingSets() }
    public func trainingSet(_ name: String) throws(MeshError) -> TrainingSetRecord { try service.trainingSet(name) }

    public func buildTrainingSet(specYAML: String, name: String?) throws(MeshError) -> TrainingSetBuildResult {
        try service.buildTrainingSet(specYAML: specYAML, name: name, by: whoami())
    }
    public func replayTrainingSet(name: String) throws(MeshError) -> TrainingSetReplay {
        try service.replayTrainingSet(name: name, by: whoami())
    }

    public func registerModel(name: String, trainingSet: String, metrics: String?) throws(MeshError) -> ModelRecord {
        try service.registerModel(name: name, trainingSet: trainingSet, metrics: metrics, by: whoami())
    }
    public func models(trainingSet: String?) throws(MeshError) -> [ModelRecord] { try service.models(trainingSet: trainingSet) }
    public func model(_ name: String) throws(MeshError) -> ModelRecord { try service.model(name) }
}
