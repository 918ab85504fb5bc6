import Catalog
import Foundation

/// The supply-chain figures of the mesh: how fast data becomes available, how often the gate
/// rejects it, and how many training inputs went bad later.
public struct MeshStats: Sendable, Hashable, Codable {
    /// One version's time from data generation to availability.
    public struct VersionLatency: Sendable, Hashable, Codable {
        /// The version number.
        public var version: Int
        /// The newest event time in its data.
        public var newestEventTime: Date
        /// When it was published.
        public var publishedAt: Date
        /// `publishedAt − newestEventTime`, in seconds.
        public var seconds: TimeInterval
    }

    /// One product's figures.
    public struct Product: Sendable, Hashable, Codable {
        /// The product id.
        public var productID: String
        /// Published versions (revoked included).
        public var versions: Int
        /// Versions revoked since.
        public var revokedVersions: Int
        /// Per version whose contract names an event-time column, oldest first.
        public var latencies: [VersionLatency]
        /// The newest version's latency, in seconds.
        public var latestLatency: TimeInterval?
        /// The median latency over `latencies`, in seconds.
        public var medianLatency: TimeInterval?
        /// The largest latency, in seconds.
        public var maximumLatency: TimeInterval?
        /// Publishes the gate rejected (failed checks or schema drift).
        public var rejectedPublishes: Int
    }

    /// One training set's figures.
    public struct TrainingSet: Sendable, Hashable, Codable {
        /// The training set's name.
        public var name: String
        /// The product versions it read.
        public var inputs: Int
        /// Those revoked since it was built.
        public var revokedInputs: [VersionRef]
    }

    /// Per product, by id.
    public var products: [Product]
    /// Per training set, by name.
    public var trainingSets: [TrainingSet]
}

extension MeshService {
    /// The mesh's figures: per product (only `productID` when given) the latency from data
    /// generation (the newest event time of each version) to availability (its publish), the
    /// latest, median and maximum of it, and the publishes rejected by the gate; per training
    /// set (all of them when no product is given, else those reading the product) how many of
    /// its inputs were revoked later.
    public func stats(productID: String? = nil) throws(MeshError) -> MeshStats {
        if let productID { _ = try product(productID) }
        return try read { t throws(CatalogError) -> MeshStats in
            var products = try t.products(domain: nil)
            if let productID { products = products.filter { $0.id == productID } }
            var perProduct: [MeshStats.Product] = []
            for product in products {
                let versions = try t.versions(productID: product.id)
                let latencies = versions.compactMap { v -> MeshStats.VersionLatency? in
                    guard let event = v.newestEventTime else { return nil }
                    return MeshStats.VersionLatency(version: v.version, newestEventTime: event, publishedAt: v.publishedAt,
                                                    seconds: v.publishedAt.timeIntervalSince(event))
                }
                let sorted = latencies.map(\.seconds).sorted()
                perProduct.append(MeshStats.Product(
                    productID: product.id, versions: versions.count, revokedVersions: versions.count { $0.status == .revoked },
                    latencies: latencies, latestLatency: latencies.last?.seconds, medianLatency: Self.median(sorted), maximumLatency: sorted.last,
                    rejectedPublishes: try t.rejections(productID: product.id).count))
            }
            var perSet: [MeshStats.TrainingSet] = []
            for set in try t.trainingSets() where productID == nil || set.inputs.contains(where: { $0.productID == productID }) {
                var revoked: [VersionRef] = []
                for input in set.inputs where try t.version(productID: input.productID, version: input.version)?.status == .revoked {
                    revoked.append(input)
                }
                perSet.append(MeshStats.TrainingSet(name: set.name, inputs: set.inputs.count, revokedInputs: revoked))
            }
            return MeshStats(products: perProduct, trainingSets: perSet)
        }
    }

    /// The median of sorted values (the mean of the middle two for an even count).
    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
