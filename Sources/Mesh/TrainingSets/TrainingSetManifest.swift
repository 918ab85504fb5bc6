import Catalog
import Foundation

/// What a training-set build recorded: the spec, every input at its exact version, the policy
/// in force and its decisions, the rows per split and the content hash. Stored as JSON in
/// ``Catalog/TrainingSetRecord/manifest``; replays read it back.
public struct TrainingSetManifest: Sendable, Hashable, Codable {
    /// The manifest format.
    public var format: String = "meshwork-trainset-manifest-v1"
    /// The training set's name.
    public var name: String
    /// The spec as built (canonical YAML, without pins).
    public var spec: String
    /// The hex SHA-256 of ``spec``.
    public var specHash: String
    /// The purpose every input was read for.
    public var purpose: String
    /// The output table's catalog identifier (`_trainsets.NAME`).
    public var table: String
    /// The label source first, then the feature sources in spec order.
    public var inputs: [Input]
    /// The policy bundles in force (`name@version`, global first).
    public var policyBundles: [String]
    /// The splits in spec order, with their rows and the output snapshot tagged with their name.
    public var splits: [Split]
    /// Label rows that fell in no split.
    public var leftOutRows: Int
    /// The content hash of the output (hex SHA-256, see docs/training-sets.md).
    public var contentHash: String

    /// One product read by the build.
    public struct Input: Sendable, Hashable, Codable {
        /// `label` or `feature`.
        public var role: String
        /// `DOMAIN.PRODUCT`.
        public var product: String
        /// The product version read.
        public var version: Int
        /// The output table read and its snapshot id in that version.
        public var table: String
        /// The snapshot id of ``table`` in ``version``.
        public var snapshotID: Int64
        /// Every table's snapshot id in that version.
        public var snapshots: [String: Int64]
        /// The contract version the version was published under.
        public var contractVersion: String
        /// When the version was published.
        public var publishedAt: Date
        /// The columns read.
        public var columns: [String]
        /// The label filter applied (label source only).
        public var filter: String?
        /// `grant` (a consumer's read, decided by policy) or `owner` (the owning team's unmasked read).
        public var basis: String
        /// Columns the policy masked (`OBJECT.COLUMN`).
        public var masked: [String]
        /// Columns the policy dropped (`OBJECT.COLUMN`).
        public var dropped: [String]
        /// The policy decisions for the read, as text.
        public var decisions: [String]
        /// The rows read.
        public var rows: Int

        /// The version as a lineage reference.
        public var ref: VersionRef { VersionRef(productID: product, version: version) }
    }

    /// One split of the output.
    public struct Split: Sendable, Hashable, Codable {
        /// The split's name (also its tag on the output table).
        public var name: String
        /// Its row count.
        public var rows: Int
        /// The output snapshot tagged with the split's name; the split's rows are the rows it appended.
        public var snapshotID: Int64?
    }

    /// The manifest as JSON text (sorted keys).
    public func json() throws(MeshError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do { return String(decoding: try encoder.encode(self), as: UTF8.self) } catch {
            throw MeshError(.storage, "cannot encode the training-set manifest: \(error)", context: name)
        }
    }

    /// Reads a manifest from its JSON text.
    public init(json text: String, name: String) throws(MeshError) {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { self = try decoder.decode(TrainingSetManifest.self, from: Data(text.utf8)) } catch {
            throw MeshError(.storage, "the manifest of training set '\(name)' cannot be read: \(error)", context: name)
        }
    }

    /// Creates a manifest.
    public init(name: String, spec: String, specHash: String, purpose: String, table: String, inputs: [Input],
                policyBundles: [String], splits: [Split], leftOutRows: Int, contentHash: String) {
        self.name = name
        self.spec = spec
        self.specHash = specHash
        self.purpose = purpose
        self.table = table
        self.inputs = inputs
        self.policyBundles = policyBundles
        self.splits = splits
        self.leftOutRows = leftOutRows
        self.contentHash = contentHash
    }
}

/// A built training set: its catalog record and manifest.
public struct TrainingSetBuildResult: Sendable, Hashable, Codable {
    /// The stored record.
    public let record: TrainingSetRecord
    /// The manifest it holds.
    public let manifest: TrainingSetManifest
    /// Per feature source alias, how many label rows got a feature row.
    public let matchedRows: [String: Int]
}

/// The outcome of replaying a training set from its manifest.
public struct TrainingSetReplay: Sendable, Hashable, Codable {
    /// The training set.
    public let name: String
    /// The content hash recorded at build time.
    public let expectedHash: String
    /// The content hash of the rebuild.
    public let actualHash: String
    /// The pinned inputs the rebuild read.
    public let inputs: [VersionRef]
    /// Rows per split of the rebuild, in spec order.
    public let splits: [TrainingSetManifest.Split]
    /// Whether the rebuild is identical.
    public var matches: Bool { expectedHash == actualHash }
}
