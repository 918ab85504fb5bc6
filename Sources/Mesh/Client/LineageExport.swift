/// What `mesh lineage export` prints: the OpenLineage run events and the last mesh event exported.
public struct LineageExport: Sendable, Hashable {
    /// The OpenLineage run events, oldest first.
    public let events: [OpenLineageEvent]
    /// The id of the last mesh event exported (pass it as `since` next time); nil when none was.
    public let lastEventID: Int64?

    /// Creates an export of `events` ending at mesh event `lastEventID`.
    public init(events: [OpenLineageEvent], lastEventID: Int64?) {
        self.events = events
        self.lastEventID = lastEventID
    }
}
