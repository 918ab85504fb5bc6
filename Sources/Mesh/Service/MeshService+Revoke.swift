import Catalog
import Foundation

/// What revoking a version did: the version as recorded, what it affected, and who was told.
public struct Revocation: Sendable, Hashable, Codable {
    /// One alert raised by the revocation and its feed recipients.
    public struct Alert: Sendable, Hashable, Codable {
        /// The event (`version.revoked` or `upstream.revoked`).
        public var event: MeshEvent
        /// Who received it in their feed.
        public var recipients: [String]
    }

    /// The revoked version.
    public let version: ProductVersion
    /// Every node downstream of it (derived versions, training sets, models), breadth first.
    public let impact: [LineageGraph.Node]
    /// The downstream graph walked.
    public let graph: LineageGraph
    /// The alerts raised, the revoked product's first.
    public let alerts: [Alert]

    /// Everyone alerted, sorted.
    public var alerted: [String] { Set(alerts.flatMap(\.recipients)).sorted() }
}

extension MeshService {
    /// Marks a version bad and alerts everything made from it.
    ///
    /// Only the product's domain owners (or an administrator) may revoke. The version is marked
    /// `revoked` with `reason`; the lineage is walked downstream transitively (derived product
    /// versions, training sets built from them, models trained on those); then, in one catalog
    /// write: a `version.revoked` event on the product (its producer and subscribers), an
    /// `upstream.revoked` event on each affected downstream product version (its producer and
    /// subscribers), one to each affected training set's and model's owner, and the audit entry.
    /// A revoked version can still be read (with a warning) so the incident can be investigated;
    /// nothing downstream is revoked automatically — each owner decides.
    ///
    /// - Parameter reference: `DOMAIN.PRODUCT@VERSION` (a number, tag or time; `@` is required).
    /// - Throws: ``MeshError/Kind/forbidden`` for a caller who does not own the domain,
    ///   ``MeshError/Kind/conflict`` for a version already revoked, ``MeshError/Kind/invalidInput``
    ///   for a missing version or reason.
    @discardableResult
    public func revokeVersion(_ reference: String, reason: String, by caller: Principal) throws(MeshError) -> Revocation {
        guard reference.contains("@") else {
            throw MeshError(.invalidInput, "name the version to revoke: DOMAIN.PRODUCT@VERSION (e.g. \(reference)@1)", context: reference)
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw MeshError(.invalidInput, "give the reason for revoking \(reference) (--reason)", context: "--reason") }
        let (productID, spec) = try VersionSpec.split(reference)
        let product = try self.product(productID)
        let domain = try self.domain(product.domain)
        try requireDomainRole(caller, [.owner], in: domain, to: "revoke versions of \(productID)")
        var version = try resolveVersion(productID, spec)
        guard version.status != .revoked else {
            throw MeshError(.conflict, "\(version.ref) is already revoked (\(version.revokedReason ?? "no reason recorded"))", context: version.ref.description)
        }
        version.status = .revoked
        version.revokedReason = reason
        let revoked = version
        let time = now()
        return try write { t throws(CatalogError) -> Revocation in
            guard let current = try t.version(productID: productID, version: revoked.version), current.status != .revoked else {
                throw CatalogError(.conflict, "\(revoked.ref) was revoked meanwhile", context: revoked.ref.description)
            }
            try t.updateVersion(revoked)
            let graph = try LineageGraph.walk(from: [.version(revoked.ref)], direction: .downstream, depth: nil, in: t)
            let impact = Array(graph.nodes.dropFirst())
            struct Impact: Encodable { let node: String; let kind: String; let owner: String?; let depth: Int }
            struct Detail: Encodable { let revoked: String; let reason: String; let by: String; let impact: [Impact] }
            let detail = AuditDetail.json(Detail(revoked: revoked.ref.description, reason: reason, by: caller.name,
                                                 impact: impact.map { Impact(node: $0.label, kind: $0.node.kind.rawValue, owner: $0.owner, depth: $0.depth) }))
            var alerts: [Revocation.Alert] = []
            func raise(_ event: MeshEvent, extra: [String] = []) throws(CatalogError) {
                let stored = try EventRouter.raise(event, extraRecipients: extra, in: t)
                let recipients = try t.deliveries(eventID: stored.id).filter { $0.channel == .feed }.map(\.recipient)
                alerts.append(Revocation.Alert(event: stored, recipients: recipients))
            }
            let affected = impact.isEmpty ? "nothing downstream" : "\(impact.count) downstream: " + impact.prefix(4).map(\.label).joined(separator: ", ")
                + (impact.count > 4 ? ", …" : "")
            try raise(MeshEvent(time: time, kind: "version.revoked", severity: "error", productID: productID, version: revoked.version,
                                message: "\(revoked.ref) was revoked by \(caller.name): \(reason) (\(affected))", detail: detail))
            for node in impact {
                let chain = "built on \(revoked.ref), revoked by \(caller.name): \(reason)"
                switch node.node.kind {
                case .productVersion:
                    guard let ref = LineageReference.versionRef(node.node.key) else { continue }
                    try raise(MeshEvent(time: time, kind: "upstream.revoked", severity: "warning", productID: ref.productID, version: ref.version,
                                        message: "\(ref) is \(chain)", detail: detail))
                case .trainingSet, .model:
                    try raise(MeshEvent(time: time, kind: "upstream.revoked", severity: "warning", productID: nil,
                                        message: "\(node.label) is \(chain)", detail: detail),
                              extra: node.owner.map { [$0] } ?? [])
                }
            }
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "version.revoke", target: productID, allowed: true, detail: detail))
            return Revocation(version: revoked, impact: impact, graph: graph, alerts: alerts)
        }
    }
}
