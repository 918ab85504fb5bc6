import Yams

extension TrainingSetSpec {
    /// Parses and validates a spec from YAML.
    ///
    /// - Throws: ``TrainingError`` of kind `.invalidSpec` listing every problem with its YAML path.
    public init(yaml text: String) throws(TrainingError) {
        var reader = SpecReader()
        let spec = reader.read(text)
        var problems = reader.problems
        if let spec { problems += spec.problems() }
        guard let spec, problems.isEmpty else { throw .invalidSpec(problems) }
        self = spec
    }

    /// Every problem in `text` (syntax, shape, values and consistency), in document order; empty when valid.
    public static func problems(yaml text: String) -> [SpecProblem] {
        var reader = SpecReader()
        let spec = reader.read(text)
        return reader.problems + (spec?.problems() ?? [])
    }
}

/// Walks a composed YAML document, collecting problems instead of stopping at the first.
struct SpecReader {
    var problems: [SpecProblem] = []

    mutating func read(_ text: String) -> TrainingSetSpec? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            problems.append(SpecProblem(path: "", message: "not valid YAML: \(error)"))
            return nil
        }
        guard let root, let top = mapping(root, "", allowed: Self.topKeys) else {
            if root == nil { problems.append(SpecProblem(path: "", message: "the spec is empty")) }
            return nil
        }
        let name = string(top["name"], "name", required: true) ?? ""
        let description = string(top["description"], "description")
        let owner = string(top["owner"], "owner")
        let purpose = string(top["purpose"], "purpose", required: true) ?? ""
        let asOf = bool(top["asOfKnownTime"], "asOfKnownTime") ?? false
        let label = readLabel(top["label"])
        var features: [TrainingSetSpec.FeatureSource] = []
        if let items = sequence(top["features"], "features", required: true) {
            if items.isEmpty { problems.append(SpecProblem(path: "features", message: "name at least one feature source")) }
            for (i, item) in items.enumerated() {
                if let f = readFeature(item, "features[\(i)]", defaultAsOf: asOf, labelKeys: label?.keys ?? []) { features.append(f) }
            }
        }
        var splits: [TrainingSetSpec.Split] = []
        if let items = sequence(top["splits"], "splits") {
            for (i, item) in items.enumerated() {
                if let s = readSplit(item, "splits[\(i)]") { splits.append(s) }
            }
        }
        let disjoint = bool(top["entityDisjoint"], "entityDisjoint") ?? false
        var pins: [String: String] = [:]
        if let node = top["pins"], let map = mapping(node, "pins", allowed: nil) {
            for (key, value) in map {
                if let v = string(value, "pins.\(key)", required: true) { pins[key] = v }
            }
        }
        guard let label else { return nil }
        return TrainingSetSpec(name: name, description: description, owner: owner, purpose: purpose, asOfKnownTime: asOf,
                               label: label, features: features, splits: splits, entityDisjoint: disjoint, pins: pins)
    }

    static let topKeys: Set<String> = ["name", "description", "owner", "purpose", "asOfKnownTime", "label", "features",
                                       "splits", "entityDisjoint", "pins"]
    static let labelKeys: Set<String> = ["product", "keys", "eventTime", "columns", "filter"]
    static let featureKeys: Set<String> = ["product", "alias", "columns", "keys", "eventTime", "ttl", "asOfKnownTime"]
    static let splitKeys: Set<String> = ["name", "from", "until"]

    private mutating func readLabel(_ node: Node?) -> TrainingSetSpec.LabelSource? {
        guard let node else {
            problems.append(SpecProblem(path: "label", message: "missing: name the label source (product, keys, eventTime, columns)"))
            return nil
        }
        guard let map = mapping(node, "label", allowed: Self.labelKeys) else { return nil }
        let product = productName(map["product"], "label.product") ?? ""
        let keys = strings(map["keys"], "label.keys", required: true) ?? []
        let eventTime = string(map["eventTime"], "label.eventTime", required: true) ?? ""
        let columns = strings(map["columns"], "label.columns", required: true) ?? []
        let filter = string(map["filter"], "label.filter")
        return TrainingSetSpec.LabelSource(product: product, keys: keys, eventTime: eventTime, columns: columns, filter: filter)
    }

    private mutating func readFeature(_ node: Node, _ path: String, defaultAsOf: Bool, labelKeys: [String]) -> TrainingSetSpec.FeatureSource? {
        guard let map = mapping(node, path, allowed: Self.featureKeys) else { return nil }
        let product = productName(map["product"], "\(path).product") ?? ""
        let alias = string(map["alias"], "\(path).alias")
        let columns = strings(map["columns"], "\(path).columns", required: true) ?? []
        let eventTime = string(map["eventTime"], "\(path).eventTime", required: true) ?? ""
        var keys: [TrainingSetSpec.KeyMapping] = []
        switch map["keys"] {
        case nil:
            keys = labelKeys.map { .init(feature: $0, label: $0) }  // Same names as the label's keys.
        case .some(let k) where k.mapping != nil:
            if let m = mapping(k, "\(path).keys", allowed: nil) {
                for (feature, labelNode) in m {
                    if let label = string(labelNode, "\(path).keys.\(feature)", required: true) {
                        keys.append(.init(feature: feature, label: label))
                    }
                }
            }
        case .some(let k):
            keys = (strings(k, "\(path).keys", required: true) ?? []).map { .init(feature: $0, label: $0) }
        }
        var ttl: TimeSpan?
        if let text = string(map["ttl"], "\(path).ttl") {
            ttl = TimeSpan(parsing: text)
            if ttl == nil {
                problems.append(SpecProblem(path: "\(path).ttl", message: "\"\(text)\" is not a duration (write e.g. 30d, 12h, 90m, 1d12h)"))
            }
        }
        let asOf = bool(map["asOfKnownTime"], "\(path).asOfKnownTime") ?? defaultAsOf
        return TrainingSetSpec.FeatureSource(product: product, alias: alias, columns: columns, keys: keys,
                                                   eventTime: eventTime, ttl: ttl, asOfKnownTime: asOf)
    }

    private mutating func readSplit(_ node: Node, _ path: String) -> TrainingSetSpec.Split? {
        guard let map = mapping(node, path, allowed: Self.splitKeys) else { return nil }
        let name = string(map["name"], "\(path).name", required: true)
        let from = instant(map["from"], "\(path).from")
        let until = instant(map["until"], "\(path).until")
        guard let name, let from, let until else { return nil }
        return TrainingSetSpec.Split(name: name, from: from, until: until)
    }

    // MARK: Node readers

    private mutating func mapping(_ node: Node, _ path: String, allowed: Set<String>?) -> Entries? {
        guard let map = node.mapping else {
            problems.append(SpecProblem(path: path, message: "expected a mapping (key: value lines)"))
            return nil
        }
        var entries: [(String, Node)] = []
        for (key, value) in map {
            let name = key.string ?? ""
            let where_ = path.isEmpty ? name : "\(path).\(name)"
            if let allowed, !allowed.contains(name) {
                problems.append(SpecProblem(path: where_, message: "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))"))
                continue
            }
            entries.append((name, value))
        }
        return Entries(items: entries)
    }

    private mutating func sequence(_ node: Node?, _ path: String, required: Bool = false) -> [Node]? {
        guard let node else {
            if required { problems.append(SpecProblem(path: path, message: "missing")) }
            return nil
        }
        guard let items = node.sequence else {
            problems.append(SpecProblem(path: path, message: "expected a list"))
            return nil
        }
        return Array(items)
    }

    private mutating func string(_ node: Node?, _ path: String, required: Bool = false) -> String? {
        guard let node else {
            if required { problems.append(SpecProblem(path: path, message: "missing")) }
            return nil
        }
        guard let scalar = node.scalar else {
            problems.append(SpecProblem(path: path, message: "expected a single value, not a list or mapping"))
            return nil
        }
        if required && scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(SpecProblem(path: path, message: "must not be empty"))
            return nil
        }
        return scalar.string
    }

    private mutating func strings(_ node: Node?, _ path: String, required: Bool) -> [String]? {
        guard let node else {
            if required { problems.append(SpecProblem(path: path, message: "missing")) }
            return nil
        }
        if node.scalar != nil { return string(node, path, required: required).map { [$0] } }
        guard let items = sequence(node, path) else { return nil }
        if required && items.isEmpty { problems.append(SpecProblem(path: path, message: "must name at least one column")) }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let s = string(item, "\(path)[\(i)]", required: true) { out.append(s) }
        }
        return out
    }

    private mutating func bool(_ node: Node?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard let text = node.scalar?.string else {
            problems.append(SpecProblem(path: path, message: "expected true or false"))
            return nil
        }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            problems.append(SpecProblem(path: path, message: "\"\(text)\" is not a boolean (write true or false)"))
            return nil
        }
    }

    private mutating func instant(_ node: Node?, _ path: String) -> Instant? {
        guard let text = string(node, path, required: true) else { return nil }
        guard let value = Instant(parsing: text) else {
            problems.append(SpecProblem(path: path, message: "\"\(text)\" is not an ISO 8601 date or date-time (write e.g. 2024-01-01 or 2024-01-01T06:00:00Z)"))
            return nil
        }
        return value
    }

    private mutating func productName(_ node: Node?, _ path: String) -> String? {
        guard let text = string(node, path, required: true) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: \.isWhitespace) }) else {
            problems.append(SpecProblem(path: path, message: "\"\(text)\" is not a product name (write domain.product)"))
            return nil
        }
        return text
    }
}

/// The entries of a YAML mapping, in document order.
struct Entries: Sequence {
    var items: [(String, Node)]
    subscript(key: String) -> Node? { items.first { $0.0 == key }?.1 }
    func makeIterator() -> IndexingIterator<[(String, Node)]> { items.makeIterator() }
}

import Foundation
