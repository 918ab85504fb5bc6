import Catalog
import Contracts
import Foundation
import Quality

/// Everything `mesh show` prints about a product.
public struct ProductDetails: Sendable, Equatable, Codable {
    /// One column of an output table.
    public struct Column: Sendable, Hashable, Codable {
        /// The column's name.
        public var name: String
        /// The contract's logical type (and `physicalType` when given).
        public var type: String
        /// Whether every row must have a value.
        public var required: Bool
        /// Whether the column is (part of) the primary key.
        public var primaryKey: Bool
        /// The classification level (`public`, `internal`, `confidential`...), if given.
        public var classification: String?
        /// The column's tags (`pii`...).
        public var tags: [String]
        /// The glossary term the column binds, if any.
        public var glossaryTerm: String?
        /// The purposes personal data may be used for, when listed.
        public var allowedPurposes: [String]?
        /// What the column holds.
        public var description: String?
    }

    /// One output table.
    public struct OutputTable: Sendable, Hashable, Codable {
        /// The contract's schema object.
        public var object: String
        /// The catalog identifier (`DOMAIN.PRODUCT[.TABLE]`).
        public var identifier: String
        /// What the table holds.
        public var description: String?
        /// The contract's columns, in order.
        public var columns: [Column]
    }

    /// One publish attempt, accepted or rejected.
    public struct Attempt: Sendable, Hashable, Codable {
        /// When it was made.
        public var time: Date
        /// Who made it.
        public var by: String
        /// The version made, for an accepted publish.
        public var version: Int?
        /// Whether the gate accepted it.
        public var accepted: Bool
        /// Rows in the version (accepted) or in the rejected input.
        public var rows: Int64
        /// A one-line summary (failed checks for a rejection).
        public var summary: String
    }

    /// The product's record.
    public var product: Product
    /// Its domain.
    public var domain: Domain
    /// The contract in force.
    public var contract: ContractRecord
    /// The output tables with their schemas.
    public var tables: [OutputTable]
    /// The contract's SLA properties as `property: value unit` lines.
    public var sla: [String]
    /// How fresh the newest published version is against the contract's latency SLA, now.
    public var freshness: Freshness
    /// The owning team, the contract's owners and the domain's owning team.
    public var owners: [String]
    /// The newest version.
    public var latest: ProductVersion?
    /// The newest version's statistics.
    public var latestStatistics: DatasetProfile?
    /// Every publish attempt, oldest first.
    public var history: [Attempt]
    /// The subscriptions to the product.
    public var consumers: [Subscription]
}

extension MeshService {
    /// Everything about a product: its contract, schema (classifications, glossary terms), SLA
    /// and current freshness, owners, latest statistics, quality history and consumers.
    public func show(_ productID: String) throws(MeshError) -> ProductDetails {
        let product = try self.product(productID)
        let domain = try self.domain(product.domain)
        let (record, contract) = try self.contract(of: productID)
        let (versions, rejections, subscriptions) = try read { t throws(CatalogError) in
            (try t.versions(productID: productID), try t.rejections(productID: productID), try t.subscriptions(productID: productID, consumer: nil))
        }
        let identifiers = Dictionary(uniqueKeysWithValues: Self.tableIdentifiers(productID: productID, objects: contract.schema.map(\.name)).map { ($0.object, $0.identifier) })
        let tables = contract.schema.map { object in
            ProductDetails.OutputTable(object: object.name, identifier: identifiers[object.name] ?? productID, description: object.description, columns: object.properties.map { p in
                ProductDetails.Column(name: p.name, type: [p.logicalTypeName, p.physicalType].compactMap { $0 }.joined(separator: " / "), required: p.isRequired,
                                      primaryKey: p.isPrimaryKey, classification: p.classification, tags: p.tags, glossaryTerm: p.glossaryTerm,
                                      allowedPurposes: p.allowedPurposes, description: p.description)
            })
        }
        let sla = contract.slaProperties.map { level in
            "\(level.property): \(level.value.scalarText ?? "?")" + (level.unitName.map { " \($0)" } ?? "") + (level.element.map { " (\($0))" } ?? "")
        }
        var owners = [product.owner]
        owners += (contract.team?.owners.map(\.username) ?? [])
        owners.append(domain.owner)
        var seen: Set<String> = []
        owners = owners.filter { seen.insert($0).inserted }

        let latest = versions.last
        let freshness = Freshness.evaluate(productID: productID, slaProperties: contract.slaProperties, versions: versions, now: now())
        let statistics = latest.flatMap { try? DatasetProfile.decode(json: Data($0.statistics.utf8)) }
        var history = versions.map { v in
            ProductDetails.Attempt(time: v.publishedAt, by: v.publishedBy, version: v.version, accepted: true, rows: v.rowCount,
                                   summary: "v\(v.version) \(v.mode) +\(v.addedRows) rows" + (v.status == .published ? "" : " (\(v.status.rawValue)\(v.revokedReason.map { ": \($0)" } ?? ""))"))
        }
        history += rejections.map { r in
            ProductDetails.Attempt(time: r.attemptedAt, by: r.attemptedBy, version: nil, accepted: false, rows: r.rowCount, summary: r.reason)
        }
        history.sort { $0.time < $1.time }
        return ProductDetails(product: product, domain: domain, contract: record, tables: tables, sla: sla, freshness: freshness, owners: owners,
                              latest: latest, latestStatistics: statistics, history: history, consumers: subscriptions)
    }
}
