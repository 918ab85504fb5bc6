extension MeshError.Kind {
    /// Every kind the service raises, for decoding a server's error answer.
    public static let all: [MeshError.Kind] = [
        .invalidInput, .unauthenticated, .forbidden, .notFound, .conflict, .tooLarge, .schemaMismatch, .rejected, .storage, .unreachable,
    ]

    /// The kind named `description` (a server error's `code`), if known.
    public init?(description: String) {
        guard let kind = Self.all.first(where: { $0.name == description }) else { return nil }
        self = kind
    }
}

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
