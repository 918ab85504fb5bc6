extension Table {
    /// Tags `snapshotID` (the current snapshot when `nil`) as `name`; product versions become tags.
    /// Fails when a ref of that name exists (unless `replace`).
    public mutating func tag(_ name: String, snapshotID: Int64? = nil, maxRefAgeMs: Int64? = nil, replace: Bool = false) throws(IcebergError) {
        try setRef(name, kind: .tag, snapshotID: snapshotID, replace: replace, maxRefAgeMs: maxRefAgeMs)
    }

    /// Creates branch `name` at `snapshotID` (the current snapshot when `nil`).
    public mutating func createBranch(_ name: String, snapshotID: Int64? = nil) throws(IcebergError) {
        try setRef(name, kind: .branch, snapshotID: snapshotID, replace: false, maxRefAgeMs: nil)
    }

    /// Removes a branch or tag (`main` cannot be removed).
    public mutating func removeRef(_ name: String) throws(IcebergError) {
        guard name != "main" else { throw IcebergError(.invalidOperation, "the main branch cannot be removed", context: name) }
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            guard base.refs[name] != nil else { throw IcebergError(.notFound, "no branch or tag '\(name)'", context: name) }
            var next = base
            next.refs[name] = nil
            return CommitAttempt(metadata: next)
        }
    }

    /// Moves `main` to the head of `branch` when `branch` descends from main's current snapshot
    /// (write–audit–publish); fails with ``IcebergError/Kind/commitConflict`` otherwise.
    public mutating func fastForward(_ target: String = "main", to branch: String) throws(IcebergError) {
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            guard let ref = base.refs[branch], ref.kind == .branch else {
                throw IcebergError(.notFound, "no branch '\(branch)'", context: branch)
            }
            let head = branchHead(target, in: base)
            if let head, !base.ancestors(of: ref.snapshotID).contains(where: { $0.snapshotID == head }) {
                throw IcebergError(.commitConflict, "'\(target)' (at \(head)) is not an ancestor of '\(branch)' (at \(ref.snapshotID)); it cannot be fast-forwarded", context: branch)
            }
            var next = base
            next.setBranch(target, to: ref.snapshotID, at: max(nowMs(), base.lastUpdatedMs))
            return CommitAttempt(metadata: next)
        }
    }

    /// Points `main` back at `snapshotID`, which must be an ancestor of the current snapshot.
    public mutating func rollback(to snapshotID: Int64) throws(IcebergError) {
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            guard base.snapshot(id: snapshotID) != nil else { throw IcebergError(.notFound, "no snapshot \(snapshotID)", context: "rollback") }
            guard let current = base.currentSnapshotID, base.ancestors(of: current).contains(where: { $0.snapshotID == snapshotID }) else {
                throw IcebergError(.invalidOperation, "snapshot \(snapshotID) is not an ancestor of the current snapshot; use a branch to return to it", context: "rollback")
            }
            var next = base
            next.setBranch("main", to: snapshotID, at: max(nowMs(), base.lastUpdatedMs))
            return CommitAttempt(metadata: next)
        }
    }

    mutating func setRef(_ name: String, kind: SnapshotRef.Kind, snapshotID: Int64?, replace: Bool, maxRefAgeMs: Int64?) throws(IcebergError) {
        guard !name.isEmpty, name != "main" || kind == .branch else {
            throw IcebergError(.invalidOperation, "'\(name)' cannot be used as a \(kind.rawValue) name", context: name)
        }
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            guard let id = snapshotID ?? base.currentSnapshotID else {
                throw IcebergError(.notFound, "the table has no snapshot to point '\(name)' at", context: name)
            }
            guard base.snapshot(id: id) != nil else { throw IcebergError(.notFound, "no snapshot \(id)", context: name) }
            if base.refs[name] != nil, !replace {
                throw IcebergError(.alreadyExists, "a branch or tag named '\(name)' already exists", context: name)
            }
            var next = base
            next.refs[name] = SnapshotRef(snapshotID: id, kind: kind, maxRefAgeMs: maxRefAgeMs)
            return CommitAttempt(metadata: next)
        }
    }
}
