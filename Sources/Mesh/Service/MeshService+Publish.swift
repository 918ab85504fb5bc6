import Catalog
import Contracts
import Foundation
import Governance
import Iceberg
import Quality

/// An accepted publish: the new version and what the gate saw.
public struct PublishResult: Sendable, Equatable, Codable {
    /// The product id.
    public let productID: String
    /// The output table published to (`DOMAIN.PRODUCT[.TABLE]`).
    public let table: String
    /// The version recorded.
    public let version: ProductVersion
    /// The pipeline's outcome: every check, the profile, rows and files.
    public let outcome: PublishOutcome
}

extension MeshService {
    /// Checks, before any input is read, that `productID` exists and `caller` may publish to it
    /// (its domain's owners and producers, or an administrator).
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown product, ``MeshError/Kind/forbidden``
    ///   for a caller who may not publish.
    public func requirePublisher(productID: String, by caller: Principal) throws(MeshError) {
        let product = try self.product(productID)
        try requireDomainRole(caller, [.owner, .producer], in: try domain(product.domain), to: "publish to \(productID)")
    }

    /// How long a publish waits for another publish of the same product to finish.
    static let publishLockTimeout: TimeInterval = 600

    /// Publishes `inputs` as the product's next version, through the contract gate.
    ///
    /// One publish of a product runs at a time (an exclusive lock, across processes for an
    /// embedded mesh). Under the lock: the next version number (latest + 1, tagged `vN`); stale
    /// staging branches of crashed publishes are removed; the pipeline streams the inputs into a
    /// staged branch, profiles and checks them (drift against the previous version of that
    /// table, the policy engine of the product's domain) and either fast-forwards `main` and
    /// tags it, or drops the branch. Then one catalog write records the outcome: for an accepted
    /// publish the ``ProductVersion``, lineage edges from each `from` version, a
    /// `publish.accepted` event and the audit entry; for a rejected one the
    /// ``RejectedPublish``, a `publish.rejected` event (to the producer and every subscriber,
    /// detail: each failed check) and the audit entry.
    ///
    /// - Parameters:
    ///   - format: the format of inputs that do not name one (nil: from the file extension).
    ///   - from: the versions this one is derived from (`DOMAIN.PRODUCT@N`, `@vN`, `@TIME`, or
    ///     no `@` for the latest); each must exist.
    ///   - table: the output table (schema object) to publish to; required when the product has several.
    /// - Throws: ``MeshError/Kind/rejected`` with one detail line per failed check when the gate
    ///   rejects (the product is unchanged); ``MeshError/Kind/invalidInput`` for unreadable input;
    ///   ``MeshError/Kind/forbidden`` when the caller may not publish to the domain.
    @discardableResult
    public func publish(productID: String, inputs: [PublishInput], format: InputFormat? = nil, mode: PublishMode = .append,
                        from: [String] = [], table: String? = nil, by caller: Principal,
                        progress: (@Sendable (PublishProgress) -> Void)? = nil) throws(MeshError) -> PublishResult {
        let product = try self.product(productID)
        let domain = try self.domain(product.domain)
        try requireDomainRole(caller, [.owner, .producer], in: domain, to: "publish to \(productID)")
        let (record, contract) = try self.contract(of: productID)
        if contract.lifecycle == .retired {
            throw MeshError(.rejected, "\(productID) is retired (contract \(record.version)); it takes no new versions", context: productID)
        }
        guard !inputs.isEmpty else { throw MeshError(.invalidInput, "give at least one input file to publish", context: productID) }
        let target = try Self.outputTable(productID: productID, contract: contract, named: table)
        var upstream: [VersionRef] = []
        for reference in from {
            let (id, spec) = try VersionSpec.split(reference)
            let input = try resolveVersion(id, spec)
            try requireNotExpired(input, for: "deriving from")
            upstream.append(input.ref)
        }
        let engine = try policyEngine()
        let resolvedInputs = inputs.map { PublishInput(path: $0.path, format: $0.format ?? format) }

        return try publishLocks.withLock(productID, timeout: Self.publishLockTimeout) { () throws(MeshError) -> PublishResult in
            let versions = try read { t throws(CatalogError) in try t.versions(productID: productID) }
            let previous = versions.last
            let number = (previous?.version ?? 0) + 1
            let tag = "v\(number)"
            var icebergTable = try openTable(target.identifier)
            // Branches and files are stamped with wall-clock time, so staleness is measured on
            // the wall clock, not the injected one. Under the lock no other mesh publish of this
            // product is running.
            let pipeline = PublishPipeline()
            try pipeline.cleanStaleBranches(table: &icebergTable, now: Date())
            try repairUnrecordedPublish(tag: tag, previous: previous, identifier: target.identifier, table: &icebergTable)
            let options = QualityOptions(now: now(), lastPublished: previous?.publishedAt,
                                         baseline: Self.baselineProfile(table: target.identifier, versions: versions),
                                         policy: engine, object: target.object)
            let request = PublishRequest(contract: contract, objectName: target.object, inputs: resolvedInputs, mode: mode, tag: tag,
                                         options: options, progress: progress)
            let outcome: PublishOutcome
            do throws(MeshError) {
                outcome = try pipeline.run(request, table: &icebergTable)
            } catch where error.kind == .schemaMismatch {
                throw try recordSchemaRejection(productID: productID, attempted: number, contractVersion: record.version, error: error, caller: caller)
            } catch {
                try? auditFailedPublish(productID: productID, caller: caller, inputs: resolvedInputs, error: error)
                throw error
            }
            guard outcome.accepted else {
                throw try recordRejection(productID: productID, attempted: number, contractVersion: record.version, outcome: outcome, caller: caller)
            }
            let version = try recordAcceptance(product: product, target: target.identifier, number: number, tag: tag, mode: mode,
                                               contractVersion: record.version, outcome: outcome, upstream: upstream, previous: previous,
                                               table: &icebergTable, caller: caller)
            return PublishResult(productID: productID, table: target.identifier, version: version, outcome: outcome)
        }
    }

    /// The output table a publish goes to: `named` (an object name or table identifier), or
    /// the only one.
    static func outputTable(productID: String, contract: DataContract, named: String?) throws(MeshError) -> (object: String, identifier: String) {
        let pairs = tableIdentifiers(productID: productID, objects: contract.schema.map(\.name))
        if let named {
            guard let pair = pairs.first(where: { $0.object == named || $0.identifier == named }) else {
                throw MeshError(.invalidInput, "\(productID) has no table '\(named)' (tables: \(pairs.map(\.object).joined(separator: ", ")))", context: "--table")
            }
            return pair
        }
        guard pairs.count == 1 else {
            throw MeshError(.invalidInput, "\(productID) has \(pairs.count) tables (\(pairs.map(\.object).joined(separator: ", "))); choose one with --table", context: "--table")
        }
        return pairs[0]
    }

    /// The profile of the newest version that published into `table` (the drift baseline).
    static func baselineProfile(table: String, versions: [ProductVersion]) -> DatasetProfile? {
        for i in versions.indices.reversed() {
            let snapshot = versions[i].snapshots[table]
            let before = i > 0 ? versions[i - 1].snapshots[table] : nil
            guard snapshot != nil, snapshot != before else { continue }
            return try? DatasetProfile.decode(json: Data(versions[i].statistics.utf8))
        }
        return nil
    }

    /// The check results as stored JSON.
    static func checksJSON(_ report: QualityReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(report.results)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// One line per failed check: `column: check: observed X, expected Y`.
    static func failureLines(_ report: QualityReport) -> [String] {
        report.failures.filter(\.isBlocking).map { r in
            (r.column.map { "\($0): " } ?? "") + "\(r.name): observed \(r.observed), expected \(r.expected)"
        }
    }

    /// Records an accepted publish in one catalog write (undoing the table change if that fails).
    func recordAcceptance(product: Product, target: String, number: Int, tag: String, mode: PublishMode, contractVersion: String,
                                  outcome: PublishOutcome, upstream: [VersionRef], previous: ProductVersion?, table: inout Table,
                                  caller: Principal) throws(MeshError) -> ProductVersion {
        var snapshots: [String: Int64] = [:]
        var rowCount: Int64 = 0
        for identifier in product.tables {
            if identifier == target {
                if let id = outcome.snapshotID { snapshots[identifier] = id }
                rowCount += outcome.totalRows
                continue
            }
            // The other tables' current snapshots belong to this version too, tagged alike.
            guard var other = try? openTable(identifier), let snapshot = other.metadata.currentSnapshot else { continue }
            snapshots[identifier] = snapshot.snapshotID
            rowCount += Int64(snapshot.summary["total-records"] ?? "") ?? 0
            try? other.tag(tag, snapshotID: snapshot.snapshotID, replace: true)
        }
        let time = now()
        let statistics = (try? outcome.profile.jsonData()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        let version = ProductVersion(productID: product.id, version: number, tag: tag, snapshots: snapshots, rowCount: rowCount, addedRows: outcome.addedRows,
                                     mode: mode.rawValue, contractVersion: contractVersion, publishedAt: time, publishedBy: caller.name,
                                     newestEventTime: outcome.newestEventTime, statistics: statistics, checks: Self.checksJSON(outcome.report), inputs: upstream)
        let summary = outcome.report.summary
        do {
            try write { t throws(CatalogError) in
                try t.insertVersion(version)
                for ref in upstream {
                    try t.insertLineage(LineageEdge(upstream: .version(ref), downstream: .version(version.ref), relation: "derived", createdAt: time))
                }
                struct Detail: Encodable { let version: Int; let tag: String; let table: String; let mode: String; let rows: Int64; let addedRows: Int64
                                           let passed: Int; let warnings: Int; let inputs: [String] }
                let detail = AuditDetail.json(Detail(version: number, tag: tag, table: target, mode: mode.rawValue, rows: rowCount, addedRows: outcome.addedRows,
                                                     passed: summary.passed, warnings: summary.warnings, inputs: upstream.map(\.description)))
                try EventRouter.raise(MeshEvent(time: time, kind: "publish.accepted", severity: "info", productID: product.id, version: number,
                                                message: "\(product.id) version \(number) published: \(outcome.addedRows) row(s) \(mode == .append ? "appended" : "written"), \(rowCount) in total",
                                                detail: detail), in: t)
                _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "publish", target: product.id, allowed: true, detail: detail))
            }
        } catch {
            // The catalog did not record the version: put the table back as it was.
            try? table.removeRef(tag)
            if let before = previous?.snapshots[target] { try? table.rollback(to: before) }
            throw error
        }
        return version
    }

    /// Undoes a publish that reached the table but not the catalog (the process died between
    /// the Iceberg commit and the catalog write, or that write and its undo both failed): the
    /// table carries tag `vN` for a version the catalog does not have. Under the product's lock
    /// nobody else is publishing, so main goes back to the last recorded version's snapshot
    /// (when it is an ancestor) and the tag is removed; otherwise the product would be stuck,
    /// every publish conflicting on the tag.
    private func repairUnrecordedPublish(tag: String, previous: ProductVersion?, identifier: String, table: inout Table) throws(MeshError) {
        guard let orphan = table.metadata.refs[tag], orphan.kind == .tag else { return }
        do {
            if let recorded = previous?.snapshots[identifier], table.metadata.currentSnapshotID == orphan.snapshotID, recorded != orphan.snapshotID {
                try table.rollback(to: recorded)
            }
            try table.removeRef(tag)
        } catch {
            throw MeshError(.storage, "the table carries tag \(tag) of a publish the catalog never recorded, and it could not be removed: \(error.message)",
                            context: identifier)
        }
    }

    /// Records a rejected publish in one catalog write and returns the error to throw.
    func recordRejection(productID: String, attempted number: Int, contractVersion: String, outcome: PublishOutcome,
                                 caller: Principal) throws(MeshError) -> MeshError {
        let time = now()
        let lines = Self.failureLines(outcome.report)
        let failed = outcome.report.failures.filter(\.isBlocking)
        let reason = "\(failed.count) failed check(s): " + failed.prefix(3).map { ($0.column.map { "\($0) " } ?? "") + $0.name }.joined(separator: "; ")
            + (failed.count > 3 ? "; …" : "")
        let rejection = RejectedPublish(productID: productID, attemptedAt: time, attemptedBy: caller.name, contractVersion: contractVersion,
                                        rowCount: Int64(outcome.profile.rowCount), checks: Self.checksJSON(outcome.report), reason: reason)
        struct Check: Encodable { let check: String; let column: String?; let observed: String; let expected: String; let message: String }
        struct Detail: Encodable { let attemptedVersion: Int; let rows: Int64; let contractVersion: String; let failed: [Check] }
        let detail = AuditDetail.json(Detail(attemptedVersion: number, rows: rejection.rowCount, contractVersion: contractVersion,
                                             failed: failed.map { Check(check: $0.name, column: $0.column, observed: $0.observed, expected: $0.expected, message: $0.message) }))
        try write { t throws(CatalogError) in
            try t.insertRejection(rejection)
            try EventRouter.raise(MeshEvent(time: time, kind: "publish.rejected", severity: "error", productID: productID,
                                            message: "a publish to \(productID) by \(caller.name) was rejected: \(reason)", detail: detail), in: t)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "publish", target: productID, allowed: false, detail: detail))
        }
        return MeshError(.rejected, "publish to \(productID) rejected: \(failed.count) check(s) failed; the product is unchanged", context: productID, details: lines)
    }

    /// Records a publish whose input columns do not match the contract (schema drift) as a
    /// rejection: the ``RejectedPublish``, a `publish.rejected` event to the producer and every
    /// subscriber, and the audit entry, in one catalog write.
    private func recordSchemaRejection(productID: String, attempted number: Int, contractVersion: String, error: MeshError,
                                       caller: Principal) throws(MeshError) -> MeshError {
        let time = now()
        let problems = error.details.isEmpty ? [error.message] : error.details
        let reason = "schema drift: " + problems.prefix(2).joined(separator: "; ") + (problems.count > 2 ? "; …" : "")
        let checks = problems.map { CheckResult(id: "schema", name: "schema match", kind: .schema, observed: "input columns", expected: "the contract's columns",
                                                 severity: .error, passed: false, message: $0) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let checksJSON = (try? encoder.encode(checks)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        let rejection = RejectedPublish(productID: productID, attemptedAt: time, attemptedBy: caller.name, contractVersion: contractVersion,
                                        rowCount: 0, checks: checksJSON, reason: reason)
        struct Detail: Encodable { let attemptedVersion: Int; let contractVersion: String; let file: String?; let schemaDrift: [String] }
        let detail = AuditDetail.json(Detail(attemptedVersion: number, contractVersion: contractVersion, file: error.context, schemaDrift: problems))
        try write { t throws(CatalogError) in
            try t.insertRejection(rejection)
            try EventRouter.raise(MeshEvent(time: time, kind: "publish.rejected", severity: "error", productID: productID,
                                            message: "a publish to \(productID) by \(caller.name) was rejected: \(reason)", detail: detail), in: t)
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "publish", target: productID, allowed: false, detail: detail))
        }
        return MeshError(.rejected, "publish to \(productID) rejected: its columns do not match the contract (schema drift); the product is unchanged",
                         context: error.context ?? productID, details: problems)
    }

    /// Audits a publish the pipeline could not run (unreadable input...).
    private func auditFailedPublish(productID: String, caller: Principal, inputs: [PublishInput], error: MeshError) throws(MeshError) {
        struct Detail: Encodable { let inputs: [String]; let error: String }
        let time = now()
        try write { t throws(CatalogError) in
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "publish", target: productID, allowed: false,
                                             detail: AuditDetail.json(Detail(inputs: inputs.map(\.path), error: error.description))))
        }
    }
}
