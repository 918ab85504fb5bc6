import Foundation

/// One built training set: the spec it was built from, the table it wrote and the manifest that
/// pins every input, so the build can be replayed and audited.
public struct TrainingSetRecord: Sendable, Hashable, Codable {
    /// The training set's unique name (`loan_risk_2026_11`).
    public var name: String
    /// The spec's YAML text as built.
    public var specYAML: String
    /// The hash of the spec (hex SHA-256 of its canonical form).
    public var specHash: String
    /// The output Iceberg table's identifier.
    public var table: String
    /// The manifest (JSON object text): inputs with exact versions and snapshot ids, contract
    /// versions, the policy bundle version, policy decisions, row counts per split, content hash.
    public var manifest: String
    /// The content hash of the output (hex), as in the manifest; a replay must match it.
    public var contentHash: String
    /// The product versions the build read (also recorded as lineage edges).
    public var inputs: [VersionRef]
    /// The team (or principal) that owns the training set and hears about revoked inputs.
    public var owner: String
    /// When it was built.
    public var builtAt: Date
    /// Who built it.
    public var builtBy: String

    /// Creates a training-set record.
    public init(name: String, specYAML: String, specHash: String, table: String, manifest: String, contentHash: String,
                inputs: [VersionRef], owner: String, builtAt: Date, builtBy: String) {
        self.name = name
        self.specYAML = specYAML
        self.specHash = specHash
        self.table = table
        self.manifest = manifest
        self.contentHash = contentHash
        self.inputs = inputs
        self.owner = owner
        self.builtAt = builtAt
        self.builtBy = builtBy
    }
}

/// A model registered against the training set it was trained on.
public struct ModelRecord: Sendable, Hashable, Codable {
    /// The model's unique name (`loan_risk`).
    public var name: String
    /// The training set it was trained on.
    public var trainingSet: String
    /// Its evaluation metrics (JSON object text, `{}` when none were given).
    public var metrics: String
    /// The team (or principal) that owns the model and hears about revoked inputs.
    public var owner: String
    /// When it was registered.
    public var registeredAt: Date
    /// Who registered it.
    public var registeredBy: String

    /// Creates a model record.
    public init(name: String, trainingSet: String, metrics: String = "{}", owner: String, registeredAt: Date, registeredBy: String) {
        self.name = name
        self.trainingSet = trainingSet
        self.metrics = metrics
        self.owner = owner
        self.registeredAt = registeredAt
        self.registeredBy = registeredBy
    }
}
