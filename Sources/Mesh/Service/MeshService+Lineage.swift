import Catalog
import Foundation

extension MeshService {
    /// The lineage graph around `reference`, walked `direction` at most `depth` edges deep
    /// (nil: to the end).
    ///
    /// A product without a version starts from every one of its versions; a training set or a
    /// model from its own node.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for a product, version, training set or model that
    ///   does not exist.
    public func lineage(of reference: LineageReference, direction: LineageDirection, depth: Int? = nil) throws(MeshError) -> LineageGraph {
        if let depth, depth < 0 { throw MeshError(.invalidInput, "the depth must be 0 or more, not \(depth)", context: "--depth") }
        let roots = try lineageRoots(reference)
        return try read { t throws(CatalogError) in try LineageGraph.walk(from: roots, direction: direction, depth: depth, in: t) }
    }

    /// The nodes a reference names.
    func lineageRoots(_ reference: LineageReference) throws(MeshError) -> [LineageNode] {
        switch reference {
        case .product(let id, let spec?):
            return [.version(try resolveVersion(id, spec).ref)]
        case .product(let id, nil):
            let all = try versions(id)
            guard !all.isEmpty else {
                throw MeshError(.notFound, "\(id) has no published version yet, so it has no lineage", context: id)
            }
            return all.map { .version($0.ref) }
        case .trainingSet(let name):
            _ = try trainingSet(name)
            return [LineageNode(kind: .trainingSet, key: name)]
        case .model(let name):
            _ = try model(name)
            return [LineageNode(kind: .model, key: name)]
        }
    }

    /// Every training set, by name.
    public func trainingSets() throws(MeshError) -> [TrainingSetRecord] {
        try read { t throws(CatalogError) in try t.trainingSets() }
    }

    /// The training set named `name`.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` naming how to build one.
    public func trainingSet(_ name: String) throws(MeshError) -> TrainingSetRecord {
        guard let record = try read({ t throws(CatalogError) in try t.trainingSet(name) }) else {
            throw MeshError(.notFound, "no training set '\(name)'; build one with `mesh trainset build SPEC.yaml`", context: name)
        }
        return record
    }
}
