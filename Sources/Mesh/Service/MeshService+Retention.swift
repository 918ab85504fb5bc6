import Catalog
import Contracts
import Foundation
import Iceberg

/// What applying retention did (or, in a dry run, would do) to one product.
public struct RetentionOutcome: Sendable, Hashable, Codable {
    /// The product.
    public var productID: String
    /// The contract's retention SLA in seconds; nil when the contract declares none (nothing expires).
    public var retentionSeconds: Double?
    /// Versions published before this instant expire; nil without a retention SLA.
    public var cutoff: Date?
    /// The versions expired now (in a dry run: that would expire).
    public var expired: [Int]
    /// The versions still readable afterwards.
    public var kept: [Int]
    /// The files deleted from the warehouse (data files, manifests, manifest lists); none in a dry run.
    public var deletedFiles: [String]
    /// Training sets that read an expired version and so can no longer be replayed.
    public var unreplayable: [String]
    /// True when nothing was changed.
    public var dryRun: Bool

    /// Creates an outcome.
    public init(productID: String, retentionSeconds: Double?, cutoff: Date?, expired: [Int], kept: [Int], deletedFiles: [String],
                unreplayable: [String], dryRun: Bool) {
        self.productID = productID
        self.retentionSeconds = retentionSeconds
        self.cutoff = cutoff
        self.expired = expired
        self.kept = kept
        self.deletedFiles = deletedFiles
        self.unreplayable = unreplayable
        self.dryRun = dryRun
    }
}

extension MeshService {
    /// Enforces each product's retention SLA (the contract's `slaProperties` entry `retention`)
    /// on its versions: every version published before `now − retention` expires, except the
    /// latest, which stays readable whatever its age.
    ///
    /// Expiring a version removes its tag (`vN`) from every output table, expires its Iceberg
    /// snapshot (unless the current one or a branch holds it), and deletes the data files, manifests and
    /// manifest lists no remaining snapshot lists (rows an appended version added stay as long as
    /// a later version holds them). The catalog keeps the version's record, marked `expired`,
    /// for lineage and history; reading it, deriving from it, or replaying a training set built
    /// on it then fails naming the expired version. One `version.expired` event goes to the
    /// product's producer and subscribers, and one `upstream.expired` warning to the owner of
    /// each training set that can no longer be replayed; the run is audited (`retention.apply`).
    ///
    /// The table is changed before the catalog: a run stopped in between leaves versions whose
    /// snapshots are gone but whose records say `published` (reads of them then fail with the
    /// snapshot's absence), and the next run finishes the job.
    ///
    /// - Parameters:
    ///   - productID: one product, or nil for every product the caller's domains own (every
    ///     product for an administrator).
    ///   - dryRun: report what would expire and change nothing.
    /// - Throws: ``MeshError/Kind/forbidden`` when the caller does not own the product's domain
    ///   (or, for all products, owns none); ``MeshError/Kind/notFound`` for an unknown product.
    public func applyRetention(productID: String? = nil, dryRun: Bool = false, by caller: Principal) throws(MeshError) -> [RetentionOutcome] {
        var targets: [Product] = []
        if let productID {
            let product = try product(productID)
            try requireDomainRole(caller, [.owner], in: try domain(product.domain), to: "apply retention to \(product.id)")
            targets = [product]
        } else {
            let admin = caller.roles.contains(.admin)
            for product in try products() {
                let owns = try actsFor(domain(product.domain), caller) && caller.roles.contains(.owner)
                if admin || owns { targets.append(product) }
            }
            guard !targets.isEmpty || admin else {
                throw MeshError(.forbidden, "\(caller.name) may not apply retention: it owns no domain (it needs the owner role on a domain's team)",
                                context: caller.name)
            }
        }
        var outcomes: [RetentionOutcome] = []
        for product in targets {
            outcomes.append(try applyRetention(to: product, dryRun: dryRun, by: caller))
        }
        return outcomes
    }

    private func applyRetention(to product: Product, dryRun: Bool, by caller: Principal) throws(MeshError) -> RetentionOutcome {
        let (_, contract) = try self.contract(of: product.id)
        let versions = try self.versions(product.id)
        guard let seconds = contract.slaProperties.first(.retention)?.seconds, seconds > 0 else {
            return RetentionOutcome(productID: product.id, retentionSeconds: nil, cutoff: nil, expired: [],
                                    kept: versions.filter { $0.status != .expired }.map(\.version), deletedFiles: [], unreplayable: [], dryRun: dryRun)
        }
        let time = now()
        let cutoff = time.addingTimeInterval(-seconds)
        let latest = versions.last?.version
        let expiring = versions.filter { $0.status != .expired && $0.publishedAt < cutoff && $0.version != latest }
        let expiringNumbers = Set(expiring.map(\.version))
        let kept = versions.filter { $0.status != .expired && !expiringNumbers.contains($0.version) }.map(\.version)
        let refs = Set(expiring.map(\.ref))
        let unreplayable = expiring.isEmpty ? []
            : try read { t throws(CatalogError) in try t.trainingSets() }.filter { !refs.isDisjoint(with: $0.inputs) }
        var outcome = RetentionOutcome(productID: product.id, retentionSeconds: seconds, cutoff: cutoff, expired: expiring.map(\.version), kept: kept,
                                       deletedFiles: [], unreplayable: unreplayable.map(\.name), dryRun: dryRun)
        if dryRun || expiring.isEmpty { return outcome }

        // The tables first: drop the expiring versions' tags, then their snapshots (those no
        // branch, remaining tag or later version holds as its own).
        for identifier in product.tables {
            var table = try openTable(identifier)
            let held = Set(versions.filter { !expiringNumbers.contains($0.version) }.compactMap { $0.snapshots[identifier] })
            let doomed = Set(expiring.compactMap { $0.snapshots[identifier] }).subtracting(held)
            do {
                for version in expiring where table.metadata.refs[version.tag]?.kind == .tag {
                    try table.removeRef(version.tag)
                }
                if doomed.isEmpty { continue }
                let removed = try table.expireSnapshots(ids: doomed)
                outcome.deletedFiles += removed.deletedKeys
            } catch where error.kind == .notFound {
                continue // an earlier, interrupted run expired them already
            } catch {
                throw PublishPipeline.meshError(error)
            }
        }

        // Then the catalog, with the alerts and the audit entry, in one transaction.
        let when = Timestamp.iso(time)
        let retention = "\(Self.describeRetention(seconds)) retention"
        let list = expiring.map { "v\($0.version)" }.joined(separator: ", ")
        struct Detail: Encodable {
            let product: String; let retentionSeconds: Double; let cutoff: String; let expired: [Int]; let kept: [Int]
            let deletedFiles: Int; let unreplayable: [String]
        }
        let detail = AuditDetail.json(Detail(product: product.id, retentionSeconds: seconds, cutoff: Timestamp.iso(cutoff), expired: outcome.expired,
                                             kept: kept, deletedFiles: outcome.deletedFiles.count, unreplayable: outcome.unreplayable))
        try write { t throws(CatalogError) in
            for version in expiring {
                guard var current = try t.version(productID: product.id, version: version.version), current.status != .expired else { continue }
                current.status = .expired
                current.revokedReason = "expired \(when) by \(caller.name) under the \(retention) (published \(Timestamp.iso(version.publishedAt)))"
                try t.updateVersion(current)
            }
            _ = try EventRouter.raise(MeshEvent(time: time, kind: "version.expired", severity: "info", productID: product.id,
                                                message: "\(product.id) \(list) expired under its \(retention); still readable: "
                                                    + (kept.isEmpty ? "none" : kept.map { "v\($0)" }.joined(separator: ", ")),
                                                detail: detail), in: t)
            for set in unreplayable {
                let inputs = set.inputs.filter { refs.contains($0) }.map(\.description).joined(separator: ", ")
                _ = try EventRouter.raise(MeshEvent(time: time, kind: "upstream.expired", severity: "warning", productID: nil,
                                                    message: "training set \(set.name) can no longer be replayed: its input \(inputs) expired under \(product.id)'s \(retention)",
                                                    detail: detail), extraRecipients: [set.owner], in: t)
            }
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "retention.apply", target: product.id, allowed: true, detail: detail))
        }
        return outcome
    }

    /// Applies retention to every product as the mesh's administrator, then again every
    /// `interval`, until the task is cancelled (the server's background work). Each pass's
    /// outcome goes to `onPass`.
    public func enforceRetention(every interval: Duration = .seconds(3600),
                                 onPass: (@Sendable (Result<[RetentionOutcome], MeshError>) -> Void)? = nil) async {
        await Self.repeatedly(on: "meshwork.retention", every: interval, onPass: onPass) { () throws(MeshError) in
            try self.applyRetention(by: try self.resolveCaller(try self.administratorName(), environment: [:]))
        }
    }

    /// Throws ``MeshError/Kind/notFound`` for a version retention expired, naming when and the
    /// versions still kept; `action` says what needed it (`reading`, `deriving from`...).
    func requireNotExpired(_ version: ProductVersion, for action: String) throws(MeshError) {
        guard version.status == .expired else { return }
        let kept = try versions(version.productID).filter { $0.status != .expired }
        throw MeshError(.notFound, "\(version.ref) has expired (\(version.revokedReason ?? "under its retention SLA")); \(action) it is no longer possible; "
                            + "versions still kept: " + (kept.isEmpty ? "none" : Self.versionList(kept)),
                        context: version.ref.description)
    }

    /// `10-day`, `36-hour`, `2-second`: a retention in the largest whole unit.
    public static func describeRetention(_ seconds: Double) -> String {
        for (unit, size) in [("day", 86_400.0), ("hour", 3600), ("minute", 60)] where seconds >= size && seconds.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int64(seconds / size))-\(unit)"
        }
        return seconds == seconds.rounded() && seconds < 1e15 ? "\(Int64(seconds))-second" : "\(seconds)-second"
    }
}
