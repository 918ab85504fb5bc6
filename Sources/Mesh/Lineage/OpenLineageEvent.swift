import Foundation

/// An OpenLineage `RunEvent` (spec 2-0-2): one completed run of a mesh job — a publish, a
/// derivation, a training-set build — with its input and output datasets.
///
/// Encoded with ``jsonLine()`` for `mesh lineage export`; Marquez, DataHub and OpenMetadata
/// ingest these.
public struct OpenLineageEvent: Sendable, Hashable, Codable {
    /// The URI naming Meshwork as the producer of events and facets.
    public static let producer = "https://github.com/meshwork/meshwork/tree/main/Sources/Mesh/Lineage"
    /// The schema of a run event.
    public static let runEventSchema = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
    /// The job namespace of every mesh job.
    public static let jobNamespace = "meshwork"

    /// `COMPLETE`: the mesh only exports runs that finished and were recorded.
    public var eventType: String
    /// When the run completed (ISO-8601).
    public var eventTime: String
    /// The run.
    public var run: Run
    /// The job the run belongs to.
    public var job: Job
    /// The datasets read.
    public var inputs: [Dataset]
    /// The datasets written.
    public var outputs: [Dataset]
    /// ``producer``.
    public var producer: String
    /// ``runEventSchema``.
    public var schemaURL: String

    /// A run.
    public struct Run: Sendable, Hashable, Codable {
        /// A UUID, derived from the recorded event so an export run twice gives the same ids.
        public var runId: String
    }

    /// A job.
    public struct Job: Sendable, Hashable, Codable {
        /// ``OpenLineageEvent/jobNamespace``.
        public var namespace: String
        /// `publish:DOMAIN.PRODUCT` or `trainset:NAME`.
        public var name: String
    }

    /// A dataset: one Iceberg table of the mesh.
    public struct Dataset: Sendable, Hashable, Codable {
        /// `meshwork://MESH`.
        public var namespace: String
        /// The table identifier (`payments.transactions`).
        public var name: String
        /// Dataset facets: `schema`, `version`.
        public var facets: DatasetFacets
        /// Input facets (inputs only): `dataQualityMetrics`.
        public var inputFacets: InputFacets?
        /// Output facets (outputs only): `outputStatistics`.
        public var outputFacets: OutputFacets?
    }

    /// The dataset facets the mesh fills.
    public struct DatasetFacets: Sendable, Hashable, Codable {
        /// The columns, from the contract.
        public var schema: SchemaFacet?
        /// The Iceberg snapshot id of the version.
        public var version: VersionFacet?
    }

    /// The input facets the mesh fills.
    public struct InputFacets: Sendable, Hashable, Codable {
        /// Row count and per-column metrics from the version's profile.
        public var dataQualityMetrics: DataQualityMetricsFacet?
    }

    /// The output facets the mesh fills.
    public struct OutputFacets: Sendable, Hashable, Codable {
        /// Rows written.
        public var outputStatistics: OutputStatisticsFacet?
    }

    /// `SchemaDatasetFacet` 1-2-0.
    public struct SchemaFacet: Sendable, Hashable, Codable {
        /// One column.
        public struct Field: Sendable, Hashable, Codable {
            /// The column name.
            public var name: String
            /// The contract's type (physical type, else logical type).
            public var type: String?
            /// The contract's description.
            public var description: String?
            /// 1-based position.
            public var ordinal_position: Int
        }

        /// ``OpenLineageEvent/producer``.
        public var _producer = OpenLineageEvent.producer
        /// The facet's schema.
        public var _schemaURL = "https://openlineage.io/spec/facets/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet"
        /// The columns in contract order.
        public var fields: [Field]
    }

    /// `DatasetVersionDatasetFacet` 1-0-1.
    public struct VersionFacet: Sendable, Hashable, Codable {
        /// ``OpenLineageEvent/producer``.
        public var _producer = OpenLineageEvent.producer
        /// The facet's schema.
        public var _schemaURL = "https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet"
        /// The Iceberg snapshot id.
        public var datasetVersion: String
    }

    /// `DataQualityMetricsInputDatasetFacet` 1-0-3.
    public struct DataQualityMetricsFacet: Sendable, Hashable, Codable {
        /// One column's metrics.
        public struct ColumnMetrics: Sendable, Hashable, Codable {
            /// Nulls.
            public var nullCount: Int?
            /// Distinct values (estimated).
            public var distinctCount: Int?
            /// The smallest numeric value.
            public var min: Double?
            /// The largest numeric value.
            public var max: Double?
        }

        /// ``OpenLineageEvent/producer``.
        public var _producer = OpenLineageEvent.producer
        /// The facet's schema.
        public var _schemaURL = "https://openlineage.io/spec/facets/1-0-3/DataQualityMetricsInputDatasetFacet.json#/$defs/DataQualityMetricsInputDatasetFacet"
        /// Rows profiled.
        public var rowCount: Int?
        /// Per column.
        public var columnMetrics: [String: ColumnMetrics]
    }

    /// `OutputStatisticsOutputDatasetFacet` 1-0-2.
    public struct OutputStatisticsFacet: Sendable, Hashable, Codable {
        /// ``OpenLineageEvent/producer``.
        public var _producer = OpenLineageEvent.producer
        /// The facet's schema.
        public var _schemaURL = "https://openlineage.io/spec/facets/1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet"
        /// Rows in the dataset version written.
        public var rowCount: Int
    }

    /// The event as one line of compact JSON with sorted keys.
    public func jsonLine() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A time-ordered UUID (version 7 layout) whose millisecond prefix is `time` and whose other
    /// bits come from SHA-256 of `seed`: stable for the same recorded run.
    static func runID(time: Date, seedDigest digest: [UInt8]) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let millis = UInt64(max(0, time.timeIntervalSince1970 * 1000))
        for i in 0..<6 { bytes[i] = UInt8((millis >> (8 * (5 - UInt64(i)))) & 0xff) }
        for i in 6..<16 { bytes[i] = digest[i] }
        bytes[6] = (bytes[6] & 0x0f) | 0x70
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }
}
