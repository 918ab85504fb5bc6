import Foundation

/// The mesh catalog's storage: domains, principals, products, contracts, versions, subscriptions,
/// events, grants, lineage, audit, policies and the Iceberg table pointers.
///
/// Every change happens inside ``write(_:)``: the body's changes become visible together when it
/// returns, or not at all when it throws (a rejected publish records its rejection and its alerts
/// in one transaction; a crash leaves the previous state). Implementations: ``MemoryCatalogStore``
/// (tests) and the SQLite store (the embedded mesh); a PostgreSQL store plugs in the same way.
public protocol CatalogStore: Sendable {
    /// Runs `body` with read access to a consistent view of the catalog.
    func read<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T
    /// Runs `body` in a transaction: all of its changes commit together, or none when it throws.
    func write<T>(_ body: (any CatalogTransaction) throws(CatalogError) -> T) throws(CatalogError) -> T
    /// A value that differs from every earlier answer once anything has been committed to the
    /// catalog since, by this process or another one sharing the store: what a cache of catalog
    /// reads compares to know it is still current. Read it *before* the records it guards.
    func changeStamp() throws(CatalogError) -> UInt64
}

/// The operations available inside a ``CatalogStore`` transaction.
///
/// Lookups return `nil` for a missing record; inserts throw ``CatalogError/Kind/alreadyExists``
/// for a duplicate key; updates throw ``CatalogError/Kind/notFound`` for a missing record.
/// Lists come back in a stable order (named below).
public protocol CatalogTransaction {
    // MARK: Mesh settings
    /// A mesh-wide setting (`administrator`, `created-at`...), if set.
    func setting(_ key: String) throws(CatalogError) -> String?
    /// Sets a mesh-wide setting.
    func setSetting(_ key: String, _ value: String) throws(CatalogError)

    // MARK: Domains and principals
    /// Adds a domain.
    func insertDomain(_ domain: Domain) throws(CatalogError)
    /// Replaces a domain's record.
    func updateDomain(_ domain: Domain) throws(CatalogError)
    /// The domain named `name`.
    func domain(_ name: String) throws(CatalogError) -> Domain?
    /// Every domain, by name.
    func domains() throws(CatalogError) -> [Domain]
    /// Adds or replaces a principal.
    func savePrincipal(_ principal: Principal) throws(CatalogError)
    /// The principal named `name`.
    func principal(_ name: String) throws(CatalogError) -> Principal?
    /// Every principal, by name.
    func principals() throws(CatalogError) -> [Principal]
    /// Adds an API token (by hash).
    func insertToken(_ token: TokenRecord) throws(CatalogError)
    /// The token with this hash.
    func token(hash: String) throws(CatalogError) -> TokenRecord?

    // MARK: Products and contracts
    /// Adds a product.
    func insertProduct(_ product: Product) throws(CatalogError)
    /// Replaces a product's record.
    func updateProduct(_ product: Product) throws(CatalogError)
    /// The product with id `id` (`DOMAIN.PRODUCT`).
    func product(_ id: String) throws(CatalogError) -> Product?
    /// Every product, by id; only `domain`'s when given.
    func products(domain: String?) throws(CatalogError) -> [Product]
    /// Adds a contract version (a product's versions are unique).
    func insertContract(_ contract: ContractRecord) throws(CatalogError)
    /// A contract version of a product; the newest registered when `version` is nil.
    func contract(productID: String, version: String?) throws(CatalogError) -> ContractRecord?
    /// Every contract version of a product, oldest first.
    func contracts(productID: String) throws(CatalogError) -> [ContractRecord]

    // MARK: Versions
    /// Adds a product version (versions are unique per product).
    func insertVersion(_ version: ProductVersion) throws(CatalogError)
    /// Replaces a version's record (revocation).
    func updateVersion(_ version: ProductVersion) throws(CatalogError)
    /// One version of a product.
    func version(productID: String, version: Int) throws(CatalogError) -> ProductVersion?
    /// The newest version of a product.
    func latestVersion(productID: String) throws(CatalogError) -> ProductVersion?
    /// Every version of a product, oldest first.
    func versions(productID: String) throws(CatalogError) -> [ProductVersion]
    /// Records a rejected publish.
    func insertRejection(_ rejection: RejectedPublish) throws(CatalogError)
    /// A product's rejected publishes, oldest first.
    func rejections(productID: String) throws(CatalogError) -> [RejectedPublish]

    // MARK: Subscriptions, events, deliveries
    /// Adds a subscription and returns it with its id.
    func insertSubscription(_ subscription: Subscription) throws(CatalogError) -> Subscription
    /// Removes a subscription.
    func deleteSubscription(id: Int64) throws(CatalogError)
    /// Subscriptions, by id; only a product's or a consumer's when given.
    func subscriptions(productID: String?, consumer: String?) throws(CatalogError) -> [Subscription]
    /// Adds an event and returns it with its id.
    func insertEvent(_ event: MeshEvent) throws(CatalogError) -> MeshEvent
    /// Events matching `query`, oldest first.
    func events(_ query: EventQuery) throws(CatalogError) -> [MeshEvent]
    /// Adds a delivery and returns it with its id.
    func insertDelivery(_ delivery: Delivery) throws(CatalogError) -> Delivery
    /// Replaces a delivery's record (after an attempt).
    func updateDelivery(_ delivery: Delivery) throws(CatalogError)
    /// The deliveries of one event, by id.
    func deliveries(eventID: Int64) throws(CatalogError) -> [Delivery]
    /// Pending webhook deliveries due at or before `date`, by id.
    func dueDeliveries(at date: Date) throws(CatalogError) -> [Delivery]

    // MARK: Access
    /// Adds a grant and returns it with its id.
    func insertGrant(_ grant: Grant) throws(CatalogError) -> Grant
    /// Removes a grant.
    func deleteGrant(id: Int64) throws(CatalogError)
    /// Grants, by id; only a product's or a principal's when given.
    func grants(productID: String?, principal: String?) throws(CatalogError) -> [Grant]
    /// Adds an access request and returns it with its id.
    func insertAccessRequest(_ request: AccessRequestRecord) throws(CatalogError) -> AccessRequestRecord
    /// Replaces a request's record (decision).
    func updateAccessRequest(_ request: AccessRequestRecord) throws(CatalogError)
    /// One access request.
    func accessRequest(id: Int64) throws(CatalogError) -> AccessRequestRecord?
    /// Access requests, by id; only those in `status` when given.
    func accessRequests(status: AccessRequestRecord.Status?) throws(CatalogError) -> [AccessRequestRecord]

    // MARK: Policies
    /// Adds an applied policy bundle (the newest per scope is in force).
    func insertPolicy(_ policy: PolicyRecord) throws(CatalogError)
    /// The bundle in force for `scope` (`global` or a domain name).
    func policy(scope: String) throws(CatalogError) -> PolicyRecord?
    /// Every applied bundle of `scope`, oldest first.
    func policyHistory(scope: String) throws(CatalogError) -> [PolicyRecord]

    // MARK: Lineage and audit
    /// Adds a lineage edge (an identical edge is kept once).
    func insertLineage(_ edge: LineageEdge) throws(CatalogError)
    /// Edges whose downstream node is `node`.
    func lineage(upstreamOf node: LineageNode) throws(CatalogError) -> [LineageEdge]
    /// Edges whose upstream node is `node`.
    func lineage(downstreamOf node: LineageNode) throws(CatalogError) -> [LineageEdge]
    /// Appends to the audit log and returns the entry with its id.
    func insertAudit(_ entry: AuditEntry) throws(CatalogError) -> AuditEntry
    /// Appends several entries to the audit log, in order (a group commit's batch).
    func insertAudits(_ entries: [AuditEntry]) throws(CatalogError)
    /// The audit entries `query` selects, oldest first (at most its `limit` of the newest).
    func audit(_ query: AuditQuery) throws(CatalogError) -> [AuditEntry]

    // MARK: Training sets and models
    /// Adds a training set (names are unique).
    func insertTrainingSet(_ trainingSet: TrainingSetRecord) throws(CatalogError)
    /// The training set named `name`.
    func trainingSet(_ name: String) throws(CatalogError) -> TrainingSetRecord?
    /// Every training set, by name.
    func trainingSets() throws(CatalogError) -> [TrainingSetRecord]
    /// Adds a model (names are unique; its training set must exist, else ``CatalogError/Kind/invalid``).
    func insertModel(_ model: ModelRecord) throws(CatalogError)
    /// The model named `name`.
    func model(_ name: String) throws(CatalogError) -> ModelRecord?
    /// Every model, by name; only those trained on `trainingSet` when given.
    func models(trainingSet: String?) throws(CatalogError) -> [ModelRecord]

    // MARK: Search
    /// Adds or replaces the searchable text of an entry (by kind and key).
    func index(_ document: SearchDocument) throws(CatalogError)
    /// Full-text search: every word of `text` must match (prefix match for the last word);
    /// best matches first.
    func search(_ text: String, limit: Int) throws(CatalogError) -> [SearchHit]

    // MARK: Iceberg table pointers
    /// The current metadata location of an Iceberg table (`payments.transactions`), if it exists.
    func tableMetadataLocation(_ table: String) throws(CatalogError) -> String?
    /// Points `table` at `new` if it still points at `expected` (nil: the table does not exist);
    /// throws ``CatalogError/Kind/conflict`` otherwise, changing nothing.
    func swapTableMetadata(_ table: String, expected: String?, new: String) throws(CatalogError)
    /// Removes a table's pointer (the table's files are the caller's to delete).
    func dropTable(_ table: String) throws(CatalogError)
    /// Every table identifier, sorted; only those in `namespace` (a domain, or `DOMAIN.PRODUCT`) when given.
    func tables(namespace: String?) throws(CatalogError) -> [String]
}

extension CatalogTransaction {
    /// Audit entries, oldest first; only a principal's or a target's when given, at most `limit`
    /// of the newest when given.
    public func audit(principal: String?, target: String?, limit: Int?) throws(CatalogError) -> [AuditEntry] {
        try audit(AuditQuery(principal: principal, target: target, limit: limit))
    }

    /// Appends the entries one by one; stores with a faster bulk insert implement their own.
    public func insertAudits(_ entries: [AuditEntry]) throws(CatalogError) {
        for entry in entries { _ = try insertAudit(entry) }
    }
}
