import Catalog
import Foundation
import Iceberg
import Quality

/// A precondition of an engine's table commit (Iceberg REST `TableRequirement`).
public enum TableRequirement: Sendable, Hashable {
    /// The table's UUID is this.
    case tableUUID(String)
    /// The branch or tag points at this snapshot (nil: it does not exist).
    case refSnapshotID(ref: String, snapshotID: Int64?)
    /// The current schema is this one.
    case currentSchemaID(Int)
    /// The highest assigned column id is this.
    case lastAssignedFieldID(Int)
    /// The default partition spec is this one.
    case defaultSpecID(Int)
    /// The highest assigned partition field id is this.
    case lastAssignedPartitionID(Int)
    /// The default sort order is this one.
    case defaultSortOrderID(Int)
}

/// A change of an engine's table commit (Iceberg REST `TableUpdate`), the subset the mesh accepts.
public enum TableUpdate: Sendable, Hashable {
    /// Adds a snapshot whose manifests the engine wrote.
    case addSnapshot(Snapshot)
    /// Points a branch or tag at a snapshot.
    case setSnapshotRef(name: String, ref: SnapshotRef)
    /// Removes a branch or tag.
    case removeSnapshotRef(String)
    /// Sets table properties.
    case setProperties([String: String])
    /// Removes table properties.
    case removeProperties([String])
}

/// An accepted engine commit: the table's new metadata and, when it appended to `main`, the
/// product version it recorded.
public struct ExternalCommitResult: Sendable {
    /// The new metadata file.
    public let metadataLocation: String
    /// The new metadata.
    public let metadata: TableMetadata
    /// The version recorded (tag `vN`) when the commit moved `main`.
    public let version: ProductVersion?
}

extension MeshService {
    /// Commits an external engine's change to a product's table (the Iceberg REST catalog's
    /// `POST …/tables/{table}`), through the same gate as ``publish(productID:inputs:format:mode:from:table:by:progress:)``.
    ///
    /// Only the owning team's owners and producers (and administrators) may commit. Under the
    /// product's publish lock the requirements are checked against the current metadata (a
    /// mismatch is a ``MeshError/Kind/conflict``: the engine retries), the updates applied to
    /// a copy, and the new metadata written beside the table without moving its pointer. When
    /// `main` moves, it must move forward by `append` snapshots only; their added data files
    /// (from the snapshots' manifests) are read and evaluated against the contract and the
    /// policies exactly as a publish's input is. A violating commit is recorded as a rejected
    /// publish (event and audit), its metadata file removed, and ``MeshError/Kind/rejected``
    /// thrown with one detail per failed check: the table is unchanged. An accepted one swaps
    /// the pointer, tags `main` `vN` and records version N like `mesh publish`.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` for an update the mesh does not accept (a
    ///   version tag, `meshwork.*` properties, a non-append change of `main`).
    public func commitExternal(namespace: [String], name: String, requirements: [TableRequirement], updates: [TableUpdate],
                               by caller: Principal) throws(MeshError) -> ExternalCommitResult {
        let found = try catalogTable(namespace: namespace, name: name)
        let product = try self.product(found.productID)
        let domain = try self.domain(product.domain)
        try requireDomainRole(caller, [.owner, .producer], in: domain, to: "commit to \(found.identifier)")
        let (record, contract) = try self.contract(of: found.productID)
        if contract.lifecycle == .retired {
            throw MeshError(.rejected, "\(found.productID) is retired (contract \(record.version)); it takes no new versions", context: found.productID)
        }
        let engine = try policyEngine()
        return try publishLocks.withLock(found.productID, timeout: Self.publishLockTimeout) { () throws(MeshError) -> ExternalCommitResult in
            let base = try openTable(found.identifier)
            try Self.check(requirements, against: base.metadata, identifier: found.identifier)
            let proposed = try Self.apply(updates, to: base.metadata, identifier: found.identifier, now: now())
            let folder = StoreCommitter.folder(identifier: found.identifier)
            let number = (Self.metadataNumber(base.metadataLocation) ?? proposed.metadataLog.count) + 1
            let key = "\(folder)/metadata/" + TableMetadata.metadataFileName(version: number, uuid: UUID().uuidString.lowercased())
            var written = proposed
            written.metadataLog.append(MetadataLogEntry(metadataFile: base.metadataLocation, timestampMs: base.metadata.lastUpdatedMs))
            written.lastUpdatedMs = max(Int64((now().timeIntervalSince1970 * 1000).rounded()), base.metadata.lastUpdatedMs)
            do throws(IcebergError) { try warehouse.write(key, Array(written.jsonText.utf8), mode: .createOnly) } catch {
                throw MeshError.warehouse(error, context: found.identifier)
            }
            let location = warehouse.location(of: key)
            let discard: () -> Void = { _ = try? self.warehouse.delete(key) }

            let oldMain = base.metadata.currentSnapshotID
            let newMain = written.currentSnapshotID
            guard newMain != oldMain, let newMain else {
                // No new data on main: properties or other refs only.
                try swapPointer(folder: folder, expected: base.metadataLocation, new: location, identifier: found.identifier, discard: discard)
                try auditCommit(found: found, caller: caller, detail: "no change of main")
                return ExternalCommitResult(metadataLocation: location, metadata: written, version: nil)
            }

            let versions = try read { t throws(CatalogError) in try t.versions(productID: found.productID) }
            let previous = versions.last
            let versionNumber = (previous?.version ?? 0) + 1
            let tag = "v\(versionNumber)"
            let options = QualityOptions(now: now(), lastPublished: previous?.publishedAt,
                                         baseline: Self.baselineProfile(table: found.identifier, versions: versions),
                                         policy: engine, object: found.object)
            let outcome: PublishOutcome
            do throws(MeshError) {
                outcome = try Self.evaluateCommit(location: location, store: warehouse, from: oldMain, to: newMain, contract: contract, options: options,
                                                  identifier: found.identifier)
            } catch {
                discard()
                Self.discardRejectedCommitFiles(proposed: written, base: base.metadata, folder: folder, store: warehouse)
                throw error
            }
            guard outcome.accepted else {
                discard()
                Self.discardRejectedCommitFiles(proposed: written, base: base.metadata, folder: folder, store: warehouse)
                throw try recordRejection(productID: found.productID, attempted: versionNumber, contractVersion: record.version, outcome: outcome, caller: caller)
            }
            try swapPointer(folder: folder, expected: base.metadataLocation, new: location, identifier: found.identifier, discard: discard)
            var table = try openTable(found.identifier)
            do throws(IcebergError) { try table.tag(tag, snapshotID: newMain, replace: true) } catch { throw MeshError.warehouse(error, context: found.identifier) }
            let version = try recordAcceptance(product: product, target: found.identifier, number: versionNumber, tag: tag, mode: .append,
                                               contractVersion: record.version, outcome: outcome, upstream: [], previous: previous,
                                               table: &table, caller: caller)
            return ExternalCommitResult(metadataLocation: table.metadataLocation, metadata: table.metadata, version: version)
        }
    }

    /// Moves the table pointer from `expected` to `new`; a lost race is a conflict.
    private func swapPointer(folder: String, expected: String, new: String, identifier: String, discard: () -> Void) throws(MeshError) {
        do {
            try StoreCommitter(store: store).swap(table: folder, expected: expected, new: new)
        } catch {
            discard()
            if error.kind == .commitConflict {
                throw MeshError(.conflict, "the table changed during the commit; reload it and retry", context: identifier)
            }
            throw MeshError.warehouse(error, context: identifier)
        }
    }

    /// Audits a commit that did not move `main`.
    private func auditCommit(found: CatalogTable, caller: Principal, detail: String) throws(MeshError) {
        struct Detail: Encodable { let table: String; let note: String }
        let time = now()
        try write { t throws(CatalogError) in
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "catalog.commit", target: found.productID, allowed: true,
                                             detail: AuditDetail.json(Detail(table: found.identifier, note: detail))))
        }
    }

    /// The number of a metadata file named `NNNNN-<uuid>.metadata.json` or `vN.metadata.json`.
    static func metadataNumber(_ location: String) -> Int? {
        let name = location.split(separator: "/").last.map(String.init) ?? location
        return Int((name.hasPrefix("v") ? name.dropFirst() : Substring(name)).prefix { $0.isNumber })
    }
}
