import Foundation

/// A data product: a domain's published dataset with its contract and versions.
public struct Product: Sendable, Hashable, Codable {
    /// `DOMAIN.PRODUCT`, from the contract's `domain` and `dataProduct` fields.
    public var id: String
    /// The owning domain's name.
    public var domain: String
    /// The product's name within its domain.
    public var name: String
    /// What the product holds, from the contract.
    public var description: String
    /// The owning team, from the contract.
    public var owner: String
    /// The contract's lifecycle status (`active`, `deprecated`...).
    public var status: String
    /// Tags from the contract, for search.
    public var tags: [String]
    /// The output tables' catalog identifiers, in contract order (`payments.transactions`, or
    /// `payments.transactions.refunds` when the contract has several schema objects).
    public var tables: [String]
    /// The version of the contract currently in force.
    public var contractVersion: String
    /// When the product was registered.
    public var createdAt: Date
    /// When its contract last changed.
    public var updatedAt: Date

    /// Creates a product record.
    public init(id: String, domain: String, name: String, description: String, owner: String, status: String,
                tags: [String], tables: [String], contractVersion: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.domain = domain
        self.name = name
        self.description = description
        self.owner = owner
        self.status = status
        self.tags = tags
        self.tables = tables
        self.contractVersion = contractVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One registered version of a product's contract, kept whole.
public struct ContractRecord: Sendable, Hashable, Codable {
    /// The product the contract belongs to.
    public var productID: String
    /// The contract's semantic version.
    public var version: String
    /// The contract's ODCS YAML text as registered.
    public var yaml: String
    /// When it was registered.
    public var registeredAt: Date
    /// Who registered it.
    public var registeredBy: String

    /// Creates a contract record.
    public init(productID: String, version: String, yaml: String, registeredAt: Date, registeredBy: String) {
        self.productID = productID
        self.version = version
        self.yaml = yaml
        self.registeredAt = registeredAt
        self.registeredBy = registeredBy
    }
}

/// Text indexed for full-text search, one entry per product or glossary term.
public struct SearchDocument: Sendable, Hashable, Codable {
    /// What the entry describes.
    public enum Kind: String, Sendable, Hashable, Codable {
        case product
        case glossaryTerm
    }

    /// What the entry describes.
    public var kind: Kind
    /// The product id or glossary term name.
    public var key: String
    /// A short title shown in results.
    public var title: String
    /// Descriptions, column names and descriptions, tags, glossary definitions: the searched text.
    public var body: String

    /// Creates a search entry.
    public init(kind: Kind, key: String, title: String, body: String) {
        self.kind = kind
        self.key = key
        self.title = title
        self.body = body
    }
}

/// One search result.
public struct SearchHit: Sendable, Hashable, Codable {
    /// The matching entry.
    public var document: SearchDocument
    /// A piece of the matching text with the match marked by `[` and `]`.
    public var snippet: String
    /// Higher is better.
    public var score: Double

    /// Creates a search result.
    public init(document: SearchDocument, snippet: String, score: Double) {
        self.document = document
        self.snippet = snippet
        self.score = score
    }
}
