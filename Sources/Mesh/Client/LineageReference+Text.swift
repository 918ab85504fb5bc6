extension LineageReference {
    /// The reference as the CLI and the server's `?ref=` take it: `DOMAIN.PRODUCT[@V]`, `trainset:NAME`, `model:NAME`.
    public var text: String {
        switch self {
        case .product(let id, let version): version.map { "\(id)@\($0)" } ?? id
        case .trainingSet(let name): "trainset:\(name)"
        case .model(let name): "model:\(name)"
        }
    }
}
