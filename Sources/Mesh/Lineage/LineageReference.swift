import Catalog

/// What `mesh lineage` starts from: `DOMAIN.PRODUCT[@VERSION]`, `trainset:NAME` or `model:NAME`.
public enum LineageReference: Sendable, Hashable {
    /// A product: one version, or every version when `version` is nil.
    case product(String, version: VersionSpec?)
    /// A training set by name.
    case trainingSet(String)
    /// A model by name.
    case model(String)

    /// Parses a reference.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` naming the accepted forms.
    public init(parsing text: String) throws(MeshError) {
        if text.hasPrefix("trainset:") {
            let name = String(text.dropFirst("trainset:".count))
            try Names.validate(name, field: "training set")
            self = .trainingSet(name)
        } else if text.hasPrefix("model:") {
            let name = String(text.dropFirst("model:".count))
            try Names.validate(name, field: "model")
            self = .model(name)
        } else if text.contains("@") {
            let (id, spec) = try VersionSpec.split(text)
            self = .product(id, version: spec)
        } else {
            guard text.contains(".") else {
                throw MeshError(.invalidInput, "'\(text)' is not a lineage node; use DOMAIN.PRODUCT[@VERSION], trainset:NAME or model:NAME", context: text)
            }
            _ = try Names.product(text)
            self = .product(text, version: nil)
        }
    }

    /// The reference of a version node's key (`payments.transactions@3`), if well formed.
    static func versionRef(_ key: String) -> VersionRef? {
        guard let at = key.lastIndex(of: "@"), let n = Int(key[key.index(after: at)...]) else { return nil }
        return VersionRef(productID: String(key[..<at]), version: n)
    }
}
