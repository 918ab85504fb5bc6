import Foundation

/// A transaction over a copy of a ``MemoryCatalogStore``'s state.
final class MemoryTransaction: CatalogTransaction {
    var state: MemoryCatalogState
    let writable: Bool

    init(state: MemoryCatalogState, writable: Bool) {
        self.state = state
        self.writable = writable
    }

    private func mutate(_ body: (inout MemoryCatalogState) throws(CatalogError) -> Void) throws(CatalogError) {
        guard writable else { throw CatalogError(.storage, "the catalog was opened for reading only") }
        try body(&state)
    }

    // MARK: Settings
    func setting(_ key: String) throws(CatalogError) -> String? { state.settings[key] }
    func setSetting(_ key: String, _ value: String) throws(CatalogError) { try mutate { $0.settings[key] = value } }

    // MARK: Domains and principals
    func insertDomain(_ domain: Domain) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.domains[domain.name] == nil else { throw CatalogError(.alreadyExists, "domain '\(domain.name)' already exists", context: domain.name) }
            s.domains[domain.name] = domain
        }
    }
    func updateDomain(_ domain: Domain) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.domains[domain.name] != nil else { throw CatalogError(.notFound, "no domain '\(domain.name)'", context: domain.name) }
            s.domains[domain.name] = domain
        }
    }
    func domain(_ name: String) throws(CatalogError) -> Domain? { state.domains[name] }
    func domains() throws(CatalogError) -> [Domain] { state.domains.values.sorted { $0.name < $1.name } }
    func savePrincipal(_ principal: Principal) throws(CatalogError) { try mutate { $0.principals[principal.name] = principal } }
    func principal(_ name: String) throws(CatalogError) -> Principal? { state.principals[name] }
    func principals() throws(CatalogError) -> [Principal] { state.principals.values.sorted { $0.name < $1.name } }
    func insertToken(_ token: TokenRecord) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.tokens[token.hash] == nil else { throw CatalogError(.alreadyExists, "token already exists") }
            s.tokens[token.hash] = token
        }
    }
    func token(hash: String) throws(CatalogError) -> TokenRecord? { state.tokens[hash] }

    // MARK: Products and contracts
    func insertProduct(_ product: Product) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.products[product.id] == nil else { throw CatalogError(.alreadyExists, "product '\(product.id)' already exists", context: product.id) }
            s.products[product.id] = product
        }
    }
    func updateProduct(_ product: Product) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.products[product.id] != nil else { throw CatalogError(.notFound, "no product '\(product.id)'", context: product.id) }
            s.products[product.id] = product
        }
    }
    func product(_ id: String) throws(CatalogError) -> Product? { state.products[id] }
    func products(domain: String?) throws(CatalogError) -> [Product] {
        state.products.values.filter { domain == nil || $0.domain == domain }.sorted { $0.id < $1.id }
    }
    func insertContract(_ contract: ContractRecord) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard !s.contracts.contains(where: { $0.productID == contract.productID && $0.version == contract.version }) else {
                throw CatalogError(.alreadyExists, "contract version \(contract.version) of '\(contract.productID)' is already registered", context: contract.productID)
            }
            s.contracts.append(contract)
        }
    }
    func contract(productID: String, version: String?) throws(CatalogError) -> ContractRecord? {
        let all = state.contracts.filter { $0.productID == productID }
        guard let version else { return all.last }
        return all.last { $0.version == version }
    }
    func contracts(productID: String) throws(CatalogError) -> [ContractRecord] { state.contracts.filter { $0.productID == productID } }

    // MARK: Versions
    func insertVersion(_ version: ProductVersion) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard !s.versions.contains(where: { $0.productID == version.productID && $0.version == version.version }) else {
                throw CatalogError(.alreadyExists, "version \(version.version) of '\(version.productID)' already exists", context: version.ref.description)
            }
            s.versions.append(version)
        }
    }
    func updateVersion(_ version: ProductVersion) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard let i = s.versions.firstIndex(where: { $0.productID == version.productID && $0.version == version.version }) else {
                throw CatalogError(.notFound, "no version \(version.version) of '\(version.productID)'", context: version.ref.description)
            }
            s.versions[i] = version
        }
    }
    func version(productID: String, version: Int) throws(CatalogError) -> ProductVersion? {
        state.versions.first { $0.productID == productID && $0.version == version }
    }
    func latestVersion(productID: String) throws(CatalogError) -> ProductVersion? { try versions(productID: productID).last }
    func versions(productID: String) throws(CatalogError) -> [ProductVersion] {
        state.versions.filter { $0.productID == productID }.sorted { $0.version < $1.version }
    }
    func insertRejection(_ rejection: RejectedPublish) throws(CatalogError) { try mutate { $0.rejections.append(rejection) } }
    func rejections(productID: String) throws(CatalogError) -> [RejectedPublish] { state.rejections.filter { $0.productID == productID } }

    // MARK: Subscriptions, events, deliveries
    func insertSubscription(_ subscription: Subscription) throws(CatalogError) -> Subscription {
        var row = subscription
        try mutate { s in
            row.id = s.newID()
            s.subscriptions.append(row)
        }
        return row
    }
    func deleteSubscription(id: Int64) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard let i = s.subscriptions.firstIndex(where: { $0.id == id }) else { throw CatalogError(.notFound, "no subscription \(id)") }
            s.subscriptions.remove(at: i)
        }
    }
    func subscriptions(productID: String?, consumer: String?) throws(CatalogError) -> [Subscription] {
        state.subscriptions.filter { (productID == nil || $0.productID == productID) && (consumer == nil || $0.consumer == consumer) }
    }
    func insertEvent(_ event: MeshEvent) throws(CatalogError) -> MeshEvent {
        var row = event
        try mutate { s in
            row.id = s.newID()
            s.events.append(row)
        }
        return row
    }
    func events(_ query: EventQuery) throws(CatalogError) -> [MeshEvent] {
        var ids: Set<Int64>?
        if let recipient = query.recipient { ids = Set(state.deliveries.filter { $0.recipient == recipient }.map(\.eventID)) }
        let rows = state.events.filter { e in
            (ids == nil || ids!.contains(e.id)) && (query.productID == nil || e.productID == query.productID)
                && (query.afterID == nil || e.id > query.afterID!)
        }
        return query.limit.map { Array(rows.prefix($0)) } ?? rows
    }
    func insertDelivery(_ delivery: Delivery) throws(CatalogError) -> Delivery {
        var row = delivery
        try mutate { s in
            row.id = s.newID()
            s.deliveries.append(row)
        }
        return row
    }
    func updateDelivery(_ delivery: Delivery) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard let i = s.deliveries.firstIndex(where: { $0.id == delivery.id }) else { throw CatalogError(.notFound, "no delivery \(delivery.id)") }
            s.deliveries[i] = delivery
        }
    }
    func deliveries(eventID: Int64) throws(CatalogError) -> [Delivery] { state.deliveries.filter { $0.eventID == eventID } }
    func dueDeliveries(at date: Date) throws(CatalogError) -> [Delivery] {
        state.deliveries.filter { $0.channel == .webhook && $0.status == .pending && ($0.nextAttemptAt ?? .distantPast) <= date }
    }

    // MARK: Access
    func insertGrant(_ grant: Grant) throws(CatalogError) -> Grant {
        var row = grant
        try mutate { s in
            row.id = s.newID()
            s.grants.append(row)
        }
        return row
    }
    func deleteGrant(id: Int64) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard let i = s.grants.firstIndex(where: { $0.id == id }) else { throw CatalogError(.notFound, "no grant \(id)") }
            s.grants.remove(at: i)
        }
    }
    func grants(productID: String?, principal: String?) throws(CatalogError) -> [Grant] {
        state.grants.filter { (productID == nil || $0.productID == productID) && (principal == nil || $0.principal == principal) }
    }
    func insertAccessRequest(_ request: AccessRequestRecord) throws(CatalogError) -> AccessRequestRecord {
        var row = request
        try mutate { s in
            row.id = s.newID()
            s.requests.append(row)
        }
        return row
    }
    func updateAccessRequest(_ request: AccessRequestRecord) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard let i = s.requests.firstIndex(where: { $0.id == request.id }) else { throw CatalogError(.notFound, "no access request \(request.id)") }
            s.requests[i] = request
        }
    }
    func accessRequest(id: Int64) throws(CatalogError) -> AccessRequestRecord? { state.requests.first { $0.id == id } }
    func accessRequests(status: AccessRequestRecord.Status?) throws(CatalogError) -> [AccessRequestRecord] {
        state.requests.filter { status == nil || $0.status == status }
    }

    // MARK: Policies
    func insertPolicy(_ policy: PolicyRecord) throws(CatalogError) { try mutate { $0.policies.append(policy) } }
    func policy(scope: String) throws(CatalogError) -> PolicyRecord? { state.policies.last { $0.scope == scope } }
    func policyHistory(scope: String) throws(CatalogError) -> [PolicyRecord] { state.policies.filter { $0.scope == scope } }

    // MARK: Lineage and audit
    func insertLineage(_ edge: LineageEdge) throws(CatalogError) {
        try mutate { s in
            if !s.lineage.contains(where: { $0.upstream == edge.upstream && $0.downstream == edge.downstream && $0.relation == edge.relation }) {
                s.lineage.append(edge)
            }
        }
    }
    func lineage(upstreamOf node: LineageNode) throws(CatalogError) -> [LineageEdge] { state.lineage.filter { $0.downstream == node } }
    func lineage(downstreamOf node: LineageNode) throws(CatalogError) -> [LineageEdge] { state.lineage.filter { $0.upstream == node } }
    func insertAudit(_ entry: AuditEntry) throws(CatalogError) -> AuditEntry {
        var row = entry
        try mutate { s in
            row.id = s.newID()
            s.audit.append(row)
        }
        return row
    }
    func audit(_ query: AuditQuery) throws(CatalogError) -> [AuditEntry] {
        let rows = state.audit.filter(query.matches)
        return query.limit.map { Array(rows.suffix(max(0, $0))) } ?? rows
    }

    // MARK: Training sets and models
    func insertTrainingSet(_ trainingSet: TrainingSetRecord) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.trainingSets[trainingSet.name] == nil else {
                throw CatalogError(.alreadyExists, "training set '\(trainingSet.name)' already exists", context: trainingSet.name)
            }
            s.trainingSets[trainingSet.name] = trainingSet
        }
    }
    func trainingSet(_ name: String) throws(CatalogError) -> TrainingSetRecord? { state.trainingSets[name] }
    func trainingSets() throws(CatalogError) -> [TrainingSetRecord] { state.trainingSets.values.sorted { $0.name < $1.name } }
    func insertModel(_ model: ModelRecord) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.models[model.name] == nil else { throw CatalogError(.alreadyExists, "model '\(model.name)' already exists", context: model.name) }
            guard s.trainingSets[model.trainingSet] != nil else {
                throw CatalogError(.invalid, "no training set '\(model.trainingSet)' to register model '\(model.name)' on", context: model.trainingSet)
            }
            s.models[model.name] = model
        }
    }
    func model(_ name: String) throws(CatalogError) -> ModelRecord? { state.models[name] }
    func models(trainingSet: String?) throws(CatalogError) -> [ModelRecord] {
        state.models.values.filter { trainingSet == nil || $0.trainingSet == trainingSet }.sorted { $0.name < $1.name }
    }

    // MARK: Search
    func index(_ document: SearchDocument) throws(CatalogError) {
        try mutate { $0.documents[document.kind.rawValue + "\u{0}" + document.key] = document }
    }
    func search(_ text: String, limit: Int) throws(CatalogError) -> [SearchHit] {
        let words = SearchText.words(text)
        guard !words.isEmpty else { return [] }
        var hits: [SearchHit] = []
        for document in state.documents.values {
            let tokens = SearchText.words(document.title + " " + document.body)
            var score = 0.0
            var matchedAll = true
            for (i, word) in words.enumerated() {
                let last = i == words.count - 1
                let count = tokens.filter { last ? $0.hasPrefix(word) : $0 == word }.count
                if count == 0 { matchedAll = false; break }
                score += Double(count) / Double(tokens.count)
            }
            if matchedAll { hits.append(SearchHit(document: document, snippet: SearchText.snippet(document.body, words: words), score: score)) }
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.document.key < $1.document.key }
        return Array(hits.prefix(limit))
    }

    // MARK: Iceberg table pointers
    func tableMetadataLocation(_ table: String) throws(CatalogError) -> String? { state.tables[table] }
    func swapTableMetadata(_ table: String, expected: String?, new: String) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.tables[table] == expected else {
                throw CatalogError(.conflict, "table changed since it was read (now at \(s.tables[table] ?? "nothing"), expected \(expected ?? "nothing"))", context: table)
            }
            s.tables[table] = new
        }
    }
    func dropTable(_ table: String) throws(CatalogError) {
        try mutate { s throws(CatalogError) in
            guard s.tables.removeValue(forKey: table) != nil else { throw CatalogError(.notFound, "no table '\(table)'", context: table) }
        }
    }
    func tables(namespace: String?) throws(CatalogError) -> [String] {
        state.tables.keys.filter { name in
            guard let namespace else { return true }
            guard let dot = name.lastIndex(of: ".") else { return false }
            return name[..<dot] == namespace
        }.sorted()
    }
}
