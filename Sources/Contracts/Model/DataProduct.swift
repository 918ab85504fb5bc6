/// A data product: what a domain publishes, assembled from its data contract.
///
/// The id is `DOMAIN.PRODUCT` from the contract's `domain` and `dataProduct`; each `schema[]`
/// object is one output port (table) bound to the contract; input ports are the upstream
/// product ids listed in the contract's `customProperties[inputPorts]`.
public struct DataProduct: Sendable, Hashable {
    /// An output table served under a contract.
    public struct OutputPort: Sendable, Hashable, Codable {
        /// The table (`schema[].name`).
        public var name: String
        /// The contract id the port is bound to.
        public var contractID: String
        /// The contract version.
        public var contractVersion: String
    }

    /// `DOMAIN.PRODUCT`.
    public var id: String
    /// The owning domain.
    public var domain: String
    /// The product name within the domain.
    public var name: String
    /// The owning team (`team.name`).
    public var owningTeam: String?
    /// What the product is for (`description.purpose`).
    public var description: String?
    /// `tags`.
    public var tags: [String]
    /// The lifecycle status (draft when the contract's status is missing or unknown).
    public var status: LifecycleStatus
    /// Upstream products it is derived from (`DOMAIN.PRODUCT` ids).
    public var inputPorts: [String]
    /// The output tables.
    public var outputPorts: [OutputPort]

    /// Builds the product a contract describes.
    ///
    /// - Throws: ``ContractError`` (`.invalidValue`) when the contract lacks `domain`,
    ///   `dataProduct`, `id` or `version`.
    public init(contract: DataContract) throws {
        guard let productID = contract.productID, let domain = contract.domain, let product = contract.dataProduct else {
            throw ContractError(.invalidValue, "a data product needs both `domain` and `dataProduct` in its contract")
        }
        guard let contractID = contract.id, let version = contract.version else {
            throw ContractError(.invalidValue, "a data product's contract needs an `id` and a `version`")
        }
        id = productID
        self.domain = domain
        name = product
        owningTeam = contract.team?.name
        description = contract.description.purpose
        tags = contract.tags
        status = contract.lifecycle ?? .draft
        inputPorts = contract.inputPorts
        outputPorts = contract.schema.map { OutputPort(name: $0.name, contractID: contractID, contractVersion: version) }
    }
}
