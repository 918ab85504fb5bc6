extension Table {
    /// Commits already written data files (from a ``DataFileWriter``) as an `append` snapshot on `branch`.
    ///
    /// With `createBranch`, a `branch` that does not exist yet is created by this commit, starting
    /// at `main`'s head (with no parent on an empty table): staging a write–audit–publish change
    /// is one commit. Otherwise the branch must exist. When another writer commits first the append is re-applied on the new head.
    /// On failure the files are left in place: they belong to the caller (``DataFileWriter/abort()``).
    @discardableResult
    public mutating func append(files: [DataFile], branch: String = "main", createBranch: Bool = false) throws(IcebergError) -> Snapshot {
        try commitFiles(adding: files, removing: nil, operation: .append, branch: branch, specIDForRemoval: nil,
                        createsBranch: createBranch)
    }

    /// Commits already written data files as an `overwrite` snapshot on `branch`: every live data
    /// file of the branch is removed and `files` added.
    ///
    /// Fails with ``IcebergError/Kind/commitConflict`` when another writer committed to the
    /// branch after this table value was loaded (the removed set would be stale). On failure the
    /// files are left in place: they belong to the caller.
    @discardableResult
    public mutating func overwrite(files: [DataFile], branch: String = "main", createBranch: Bool = false) throws(IcebergError) -> Snapshot {
        try commitFiles(adding: files, removing: { _ in true }, operation: .overwrite, branch: branch, specIDForRemoval: nil,
                        createsBranch: createBranch)
    }

    /// The publish step of write–audit–publish, as one commit: moves `target` (main) to the head
    /// of `branch`, tags that snapshot `tag` (when given) and removes `branch`.
    ///
    /// Readers see either the old main or the new main with its tag, never one without the other.
    /// Fails with ``IcebergError/Kind/commitConflict`` when `target` is no longer an ancestor of
    /// the branch (another writer published first: restage on the new head), and with
    /// ``IcebergError/Kind/alreadyExists`` when the tag is taken; the table is unchanged then.
    @discardableResult
    public mutating func publish(branch: String, to target: String = "main", tag: String?) throws(IcebergError) -> Snapshot {
        guard branch != target, branch != "main" else {
            throw IcebergError(.invalidOperation, "the staged branch must differ from '\(target)'", context: branch)
        }
        if let tag, tag.isEmpty || tag == "main" {
            throw IcebergError(.invalidOperation, "'\(tag)' cannot be used as a tag name", context: tag)
        }
        var published: Snapshot?
        try commit { (base: TableMetadata) throws(IcebergError) -> CommitAttempt in
            guard let ref = base.refs[branch], ref.kind == .branch, let snapshot = base.snapshot(id: ref.snapshotID) else {
                throw IcebergError(.notFound, "no branch '\(branch)'", context: branch)
            }
            if let head = branchHead(target, in: base), !base.ancestors(of: ref.snapshotID).contains(where: { $0.snapshotID == head }) {
                throw IcebergError(.commitConflict, "'\(target)' moved to snapshot \(head), which '\(branch)' does not descend from; stage again on the new head",
                                   context: branch)
            }
            if let tag, base.refs[tag] != nil {
                throw IcebergError(.alreadyExists, "a branch or tag named '\(tag)' already exists", context: tag)
            }
            var next = base
            next.setBranch(target, to: ref.snapshotID, at: max(nowMs(), base.lastUpdatedMs))
            if let tag { next.refs[tag] = SnapshotRef(snapshotID: ref.snapshotID, kind: .tag) }
            next.refs[branch] = nil
            published = snapshot
            return CommitAttempt(metadata: next)
        }
        return published!
    }
}
