import Catalog
import Foundation

extension MeshService {
    /// Registers a model trained on training set `trainingSet`, with its evaluation metrics.
    ///
    /// The model is owned by the caller's team (or the caller when it has none), who hears
    /// about revoked inputs; a `trained-on` lineage edge joins it to the training set. `metrics`
    /// is a JSON object whose values are numbers, or objects of numbers (per split:
    /// `{"test": {"auc": 0.91}}`); it is stored with sorted keys.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` for a bad name or bad metrics,
    ///   ``MeshError/Kind/notFound`` for a missing training set, ``MeshError/Kind/conflict``
    ///   when the name is taken, ``MeshError/Kind/forbidden`` for a caller without a consumer,
    ///   producer or owner role.
    @discardableResult
    public func registerModel(name: String, trainingSet: String, metrics: String? = nil, by caller: Principal) throws(MeshError) -> ModelRecord {
        try Names.validate(name, field: "model")
        try requireRole(caller, [.consumer, .producer, .owner], to: "register models")
        let canonical = try Self.canonicalMetrics(metrics ?? "{}")
        _ = try self.trainingSet(trainingSet)
        let time = now()
        let model = ModelRecord(name: name, trainingSet: trainingSet, metrics: canonical, owner: caller.team ?? caller.name,
                                registeredAt: time, registeredBy: caller.name)
        try write { t throws(CatalogError) in
            if try t.model(name) != nil { throw CatalogError(.alreadyExists, "model '\(name)' is already registered", context: name) }
            try t.insertModel(model)
            try t.insertLineage(LineageEdge(upstream: LineageNode(kind: .trainingSet, key: trainingSet), downstream: LineageNode(kind: .model, key: name),
                                            relation: "trained-on", createdAt: time))
            _ = try t.insertAudit(AuditEntry(time: time, principal: caller.name, action: "model.register", target: "model:\(name)", allowed: true,
                                             detail: AuditDetail.json(["trainingSet": trainingSet, "owner": model.owner])))
        }
        return model
    }

    /// Every registered model, by name; only those trained on `trainingSet` when given.
    public func models(trainingSet: String? = nil) throws(MeshError) -> [ModelRecord] {
        try read { t throws(CatalogError) in try t.models(trainingSet: trainingSet) }
    }

    /// The model named `name`.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` naming how to register one.
    public func model(_ name: String) throws(MeshError) -> ModelRecord {
        guard let record = try read({ t throws(CatalogError) in try t.model(name) }) else {
            throw MeshError(.notFound, "no model '\(name)'; register it with `mesh model register \(name) --trainset NAME`", context: name)
        }
        return record
    }

    /// `text` checked as a metrics object and re-encoded with sorted keys.
    static func canonicalMetrics(_ text: String) throws(MeshError) -> String {
        let metrics: [String: Metric]
        do {
            metrics = try JSONDecoder().decode([String: Metric].self, from: Data(text.utf8))
        } catch {
            throw MeshError(.invalidInput, "the metrics must be a JSON object of numbers, or of objects of numbers per split "
                                + "(e.g. {\"auc\": 0.91} or {\"test\": {\"auc\": 0.91}}): \(error)", context: "--metrics")
        }
        for (key, value) in metrics {
            guard !key.isEmpty else { throw MeshError(.invalidInput, "a metric has an empty name", context: "--metrics") }
            let values: [Double] = switch value {
            case .number(let n): [n]
            case .split(let inner): Array(inner.values)
            }
            guard values.allSatisfy(\.isFinite) else { throw MeshError(.invalidInput, "metric '\(key)' is not a finite number", context: "--metrics") }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(metrics) else { throw MeshError(.invalidInput, "the metrics cannot be stored as JSON", context: "--metrics") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// One metric value: a number, or numbers per split.
enum Metric: Codable, Hashable {
    case number(Double)
    case split([String: Double])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Double.self) {
            self = .number(n)
        } else {
            self = .split(try container.decode([String: Double].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let n): try container.encode(n)
        case .split(let inner): try container.encode(inner)
        }
    }
}
