import Contracts
import Foundation
import Quality

/// How a publish combines the new rows with the product's current ones.
public enum PublishMode: String, Sendable, CaseIterable {
    /// The new version holds the previous version's rows and the new ones.
    case append
    /// The new version holds only the new rows.
    case overwrite
}

/// The format of a publish input file.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Comma- (or, for `.tsv`, tab-) separated values with a header row.
    case csv
    /// JSON Lines: one JSON object per line.
    case jsonl
    /// Apache Parquet.
    case parquet

    /// The format implied by a file name's extension (`.csv`/`.tsv`, `.jsonl`/`.ndjson`, `.parquet`), if any.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") {
            self = .csv
        } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            self = .jsonl
        } else if lower.hasSuffix(".parquet") {
            self = .parquet
        } else {
            return nil
        }
    }
}

/// One input file of a publish.
public struct PublishInput: Sendable, Hashable {
    /// The file's path.
    public var path: String
    /// The file's format; `nil` takes it from the file extension (`.csv`/`.tsv`, `.jsonl`/`.ndjson`, `.parquet`).
    public var format: InputFormat?

    /// Creates an input.
    public init(path: String, format: InputFormat? = nil) {
        self.path = path
        self.format = format
    }
}

/// How far a publish has read its inputs.
public struct PublishProgress: Sendable {
    /// Input bytes read so far, over all inputs.
    public var bytesRead: Int64
    /// The size of all inputs.
    public var totalBytes: Int64
    /// Rows read so far.
    public var rows: Int64

    /// Creates a progress report.
    public init(bytesRead: Int64, totalBytes: Int64, rows: Int64) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.rows = rows
    }
}

/// What to publish: the inputs, the contract they must satisfy and the version tag to give them.
public struct PublishRequest: Sendable {
    /// The product's contract: the data is coerced to its types and tested against its checks.
    public var contract: DataContract
    /// The contract's schema object (the output table) the inputs are for.
    public var objectName: String
    /// The input files, read in order.
    public var inputs: [PublishInput]
    /// Append to or replace the current rows.
    public var mode: PublishMode
    /// The Iceberg tag given to the accepted snapshot, e.g. `v3`.
    public var tag: String
    /// The quality run's options: now, last publish, baseline, policy engine, constraints, event-time column.
    public var options: QualityOptions
    /// Called every few megabytes of input (and once at the end of each input).
    public var progress: (@Sendable (PublishProgress) -> Void)?

    /// Creates a request.
    public init(contract: DataContract, objectName: String, inputs: [PublishInput], mode: PublishMode, tag: String,
                options: QualityOptions, progress: (@Sendable (PublishProgress) -> Void)? = nil) {
        self.contract = contract
        self.objectName = objectName
        self.inputs = inputs
        self.mode = mode
        self.tag = tag
        self.options = options
        self.progress = progress
    }
}
