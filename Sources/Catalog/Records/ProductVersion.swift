import Foundation

/// A reference to one version of a product: `payments.transactions@3`.
public struct VersionRef: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The product id.
    public var productID: String
    /// The version number.
    public var version: Int

    /// Creates a reference.
    public init(productID: String, version: Int) {
        self.productID = productID
        self.version = version
    }

    public var description: String { "\(productID)@\(version)" }
}

/// One published version of a product: the unit a consumer reads and a training run pins.
public struct ProductVersion: Sendable, Hashable, Codable {
    /// Whether a version may be used.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Published and usable.
        case published
        /// Marked bad after publishing; downstream users were alerted.
        case revoked
        /// Removed under the contract's retention SLA: its snapshot and the files only it held
        /// are gone; the record stays for lineage and history.
        case expired
    }

    /// The product id.
    public var productID: String
    /// 1, 2, 3... in publish order.
    public var version: Int
    /// The Iceberg tag naming this version in every output table (`v3`).
    public var tag: String
    /// The Iceberg snapshot id of this version, per output table identifier.
    public var snapshots: [String: Int64]
    /// Rows in the version (all tables), after the publish.
    public var rowCount: Int64
    /// Rows this publish added (or wrote, for an overwrite).
    public var addedRows: Int64
    /// How the rows were combined with the previous version: `append` or `overwrite`.
    public var mode: String
    /// The contract version the data was checked against.
    public var contractVersion: String
    /// When the version became visible.
    public var publishedAt: Date
    /// Who published it.
    public var publishedBy: String
    /// The newest event time in the data, if the contract names an event-time column.
    public var newestEventTime: Date?
    /// The statistics of the published data (a serialized `DatasetProfile`, JSON).
    public var statistics: String
    /// The check results of the publish gate (JSON array of check results).
    public var checks: String
    /// The input versions this version was derived from (`--from`).
    public var inputs: [VersionRef]
    /// Whether the version is usable.
    public var status: Status
    /// Why it was revoked (or when and under which retention it expired), when it was.
    public var revokedReason: String?

    /// Creates a version record.
    public init(productID: String, version: Int, tag: String, snapshots: [String: Int64], rowCount: Int64, addedRows: Int64,
                mode: String, contractVersion: String, publishedAt: Date, publishedBy: String, newestEventTime: Date?,
                statistics: String, checks: String, inputs: [VersionRef] = [], status: Status = .published, revokedReason: String? = nil) {
        self.productID = productID
        self.version = version
        self.tag = tag
        self.snapshots = snapshots
        self.rowCount = rowCount
        self.addedRows = addedRows
        self.mode = mode
        self.contractVersion = contractVersion
        self.publishedAt = publishedAt
        self.publishedBy = publishedBy
        self.newestEventTime = newestEventTime
        self.statistics = statistics
        self.checks = checks
        self.inputs = inputs
        self.status = status
        self.revokedReason = revokedReason
    }

    /// This version as a reference.
    public var ref: VersionRef { VersionRef(productID: productID, version: version) }
}

/// A publish attempt the gate rejected, kept for quality history and the rejection metric.
public struct RejectedPublish: Sendable, Hashable, Codable {
    /// The product id.
    public var productID: String
    /// When the attempt was made.
    public var attemptedAt: Date
    /// Who attempted it.
    public var attemptedBy: String
    /// The contract version checked against.
    public var contractVersion: String
    /// Rows in the rejected input.
    public var rowCount: Int64
    /// The failed and passed checks (JSON array of check results).
    public var checks: String
    /// A one-line summary of why.
    public var reason: String

    /// Creates a rejection record.
    public init(productID: String, attemptedAt: Date, attemptedBy: String, contractVersion: String, rowCount: Int64, checks: String, reason: String) {
        self.productID = productID
        self.attemptedAt = attemptedAt
        self.attemptedBy = attemptedBy
        self.contractVersion = contractVersion
        self.rowCount = rowCount
        self.checks = checks
        self.reason = reason
    }
}
