import Governance

/// What to read of a data product: which version, columns and rows, and what the reader may see.
public struct ReadRequest: Sendable {
    /// The snapshot to read (resolved by the service from `@VERSION`/`@TAG`/`@TIMESTAMP`); `nil` reads current `main`.
    public var snapshotID: Int64?
    /// The columns to return, in this order; `nil` returns all.
    public var columns: [String]?
    /// A row filter in the mesh filter language (``Columnar/FilterPredicate``), e.g. `amount > 10 and country = 'FR'`.
    public var filter: String?
    /// The most rows to return.
    public var limit: Int?
    /// Per-column show/mask/drop decisions (from the governance policy); columns not listed are shown.
    public var access: [ColumnAccess]

    /// Creates a request.
    public init(snapshotID: Int64? = nil, columns: [String]? = nil, filter: String? = nil, limit: Int? = nil, access: [ColumnAccess] = []) {
        self.snapshotID = snapshotID
        self.columns = columns
        self.filter = filter
        self.limit = limit
        self.access = access
    }
}
