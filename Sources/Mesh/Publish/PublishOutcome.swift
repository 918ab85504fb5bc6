import Foundation
import Quality

/// The result of a publish that read its inputs: accepted (a new tagged version on `main`) or
/// rejected by the checks (the table unchanged).
public struct PublishOutcome: Sendable, Equatable, Codable {
    /// Whether the checks passed and `main` now holds the new version.
    public var accepted: Bool
    /// Every check, passed and failed.
    public var report: QualityReport
    /// Statistics of the published input.
    public var profile: DatasetProfile
    /// Main's new snapshot when accepted.
    public var snapshotID: Int64?
    /// Rows read from the inputs.
    public var addedRows: Int64
    /// Rows on main after an accepted publish (the previous count for a rejection).
    public var totalRows: Int64
    /// The newest value of the contract's event-time column in the input.
    public var newestEventTime: Date?
    /// Locations of the data files written (deleted again when rejected).
    public var dataFiles: [String]

    /// Creates an outcome.
    public init(accepted: Bool, report: QualityReport, profile: DatasetProfile, snapshotID: Int64?, addedRows: Int64,
                totalRows: Int64, newestEventTime: Date?, dataFiles: [String]) {
        self.accepted = accepted
        self.report = report
        self.profile = profile
        self.snapshotID = snapshotID
        self.addedRows = addedRows
        self.totalRows = totalRows
        self.newestEventTime = newestEventTime
        self.dataFiles = dataFiles
    }
}
