import Catalog
import Foundation

/// The mesh operations a client (the CLI) performs, with the acting principal already bound.
///
/// ``LocalMesh`` runs them on an embedded mesh directory through ``MeshService``; `RemoteMesh`
/// (module `MeshRemote`) sends them to a mesh server over its JSON API. Both answer with the
/// same values and throw the same ``MeshError``s, so a command behaves the same either way.
public protocol MeshOperations: Sendable {
    /// The acting principal.
    func whoami() throws(MeshError) -> Principal

    /// Every principal, by name.
    func principals() throws(MeshError) -> [Principal]
    /// Creates a principal.
    func createPrincipal(name: String, roles: Set<Principal.Role>, team: String?) throws(MeshError) -> Principal

    /// Creates an API token for a principal (administrators, or the principal itself).
    func createToken(for name: String, roles: Set<Principal.Role>, expires: Date?) throws(MeshError) -> IssuedToken

    /// Every domain, by name.
    func domains() throws(MeshError) -> [Domain]
    /// One domain.
    func domain(_ name: String) throws(MeshError) -> Domain
    /// Creates a domain.
    func createDomain(name: String, owner: String, description: String) throws(MeshError) -> Domain

    /// The products, optionally of one domain.
    func products(domain: String?) throws(MeshError) -> [Product]
    /// One product.
    func product(_ id: String) throws(MeshError) -> Product
    /// Registers a product (or a new contract version) from its ODCS contract's YAML.
    func registerProduct(contractYAML: String, source: String) throws(MeshError) -> Registration
    /// Publishes files as a product's next version, through its contract's checks;
    /// `progress` is told the bytes sent or read so far.
    func publish(productID: String, files: [String], format: InputFormat?, mode: PublishMode, from: [String], table: String?,
                 progress: (@Sendable (Int64) -> Void)?) throws(MeshError) -> PublishResult
    /// A product's page: owners, schema, SLA and freshness, statistics, history, consumers.
    func show(_ productID: String) throws(MeshError) -> ProductDetails
    /// Revokes a product version (`DOMAIN.PRODUCT@VERSION`).
    func revokeVersion(_ reference: String, reason: String) throws(MeshError) -> Revocation
    /// A product's versions, oldest first.
    func versions(_ productID: String) throws(MeshError) -> [ProductVersion]
    /// A product's rejected publishes, oldest first.
    func rejections(_ productID: String) throws(MeshError) -> [RejectedPublish]
    /// Full-text search over products, columns and glossary terms.
    func search(_ text: String, limit: Int) throws(MeshError) -> [SearchHit]

    /// Checks freshness against the SLAs (of one product, or all), raising breach alerts.
    func check(productID: String?) throws(MeshError) -> [FreshnessCheck]
    /// Enforces the retention SLAs (of one product, or every product the caller's domains own):
    /// versions older than the retention expire (with `dryRun`, only reported).
    func applyRetention(productID: String?, dryRun: Bool) throws(MeshError) -> [RetentionOutcome]
    /// The newest `limit` audit entries, oldest first (of one principal, one product, one action
    /// and since a time, when given); see
    /// ``MeshService/auditLog(principal:productID:action:since:limit:by:)`` for who may read what.
    func auditLog(principal: String?, productID: String?, action: String?, since: Date?, limit: Int?) throws(MeshError) -> [AuditEntry]
    /// Counts and sizes across the mesh, or of one product.
    func stats(productID: String?) throws(MeshError) -> MeshStats

    /// Applies (or with `dryRun`, evaluates) a policy bundle's YAML.
    func applyPolicy(yaml: String, source: String, dryRun: Bool) throws(MeshError) -> PolicyApplication
    /// The glossary, by term.
    func glossary() throws(MeshError) -> [GlossaryEntry]
    /// One glossary term.
    func glossaryTerm(_ id: String) throws(MeshError) -> GlossaryEntry

    /// The subscriptions, optionally of one product or consumer.
    func subscriptions(productID: String?, consumer: String?) throws(MeshError) -> [Subscription]
    /// Subscribes a consumer to a product.
    func subscribe(productID: String, consumer: String, purpose: String, majorVersion: Int?, webhook: String?) throws(MeshError) -> Subscription
    /// Ends a subscription.
    func unsubscribe(id: Int64) throws(MeshError) -> Subscription

    /// The events with their deliveries, oldest first, after event id `after`.
    func eventDeliveries(consumer: String?, product: String?, after: Int64?, limit: Int?) throws(MeshError) -> [EventDeliveries]

    /// Asks for access to a product for a purpose.
    func requestAccess(productID: String, purpose: String, justification: String, expires: Date?) throws(MeshError) -> AccessRequestRecord
    /// The access requests, optionally of one status.
    func accessRequests(status: AccessRequestRecord.Status?) throws(MeshError) -> [AccessRequestRecord]
    /// Approves an access request, creating its grant.
    func approve(requestID: Int64, clearance: String?, expires: Date?) throws(MeshError) -> Grant
    /// Denies an access request.
    func deny(requestID: Int64, reason: String) throws(MeshError) -> AccessRequestRecord
    /// Grants a principal access to a product for a purpose.
    func grant(productID: String, principal: String, purpose: String, clearance: String?, expires: Date?) throws(MeshError) -> Grant
    /// The grants, optionally of one product or principal.
    func grants(productID: String?, principal: String?, includeExpired: Bool) throws(MeshError) -> [Grant]
    /// Revokes a grant.
    func revokeGrant(id: Int64) throws(MeshError) -> Grant

    /// The lineage graph around a product version, training set or model.
    func lineage(of reference: LineageReference, direction: LineageDirection, depth: Int?) throws(MeshError) -> LineageGraph
    /// The recorded runs after mesh event `since` as OpenLineage run events, oldest first.
    func exportLineage(since: Int64?) throws(MeshError) -> LineageExport
    /// Every training set, by name.
    func trainingSets() throws(MeshError) -> [TrainingSetRecord]
    /// One training set.
    func trainingSet(_ name: String) throws(MeshError) -> TrainingSetRecord

    /// Builds a training set from its spec's YAML.
    func buildTrainingSet(specYAML: String, name: String?) throws(MeshError) -> TrainingSetBuildResult
    /// Rebuilds a training set from its recorded manifest and compares it with the original.
    func replayTrainingSet(name: String) throws(MeshError) -> TrainingSetReplay

    /// Registers a model trained on a training set.
    func registerModel(name: String, trainingSet: String, metrics: String?) throws(MeshError) -> ModelRecord
    /// The models, optionally of one training set.
    func models(trainingSet: String?) throws(MeshError) -> [ModelRecord]
    /// One model.
    func model(_ name: String) throws(MeshError) -> ModelRecord
}
