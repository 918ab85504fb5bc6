import Yams

extension TrainingSetSpec {
    /// The spec as YAML; ``init(yaml:)`` reads it back to an equal spec.
    public func yaml() throws(TrainingError) -> String {
        var top: [(Node, Node)] = [(key("name"), plain(name))]
        if let description { top.append((key("description"), plain(description))) }
        if let owner { top.append((key("owner"), plain(owner))) }
        top.append((key("purpose"), plain(purpose)))
        top.append((key("asOfKnownTime"), key(asOfKnownTime ? "true" : "false")))
        var labelNode: [(Node, Node)] = [
            (key("product"), plain(label.product)),
            (key("keys"), list(label.keys)),
            (key("eventTime"), plain(label.eventTime)),
            (key("columns"), list(label.columns)),
        ]
        if let filter = label.filter { labelNode.append((key("filter"), plain(filter))) }
        top.append((key("label"), .mapping(.init(labelNode))))
        let featureNodes: [Node] = features.map { f in
            var entries: [(Node, Node)] = [(key("product"), plain(f.product))]
            if f.alias != FeatureSource.defaultAlias(f.product) { entries.append((key("alias"), plain(f.alias))) }
            entries.append((key("columns"), list(f.columns)))
            entries.append((key("keys"), .mapping(.init(f.keys.map { (key($0.feature), plain($0.label)) }))))
            entries.append((key("eventTime"), plain(f.eventTime)))
            if let ttl = f.ttl { entries.append((key("ttl"), plain(ttl.description))) }
            entries.append((key("asOfKnownTime"), key(f.asOfKnownTime ? "true" : "false")))
            return .mapping(.init(entries))
        }
        top.append((key("features"), .sequence(.init(featureNodes))))
        if !splits.isEmpty {
            let nodes: [Node] = splits.map { s in
                .mapping(.init([(key("name"), plain(s.name)), (key("from"), plain(s.from.text)), (key("until"), plain(s.until.text))]))
            }
            top.append((key("splits"), .sequence(.init(nodes))))
        }
        top.append((key("entityDisjoint"), key(entityDisjoint ? "true" : "false")))
        if !pins.isEmpty {
            top.append((key("pins"), .mapping(.init(pins.keys.sorted().map { (key($0), plain(pins[$0]!)) }))))
        }
        do {
            return try Yams.serialize(node: .mapping(.init(top)), indent: 2, width: -1, allowUnicode: true)
        } catch {
            throw TrainingError(.invalidSpec, "could not write the spec as YAML: \(error)")
        }
    }

    private func key(_ text: String) -> Node { .scalar(.init(text)) }

    /// A string scalar, quoted when YAML would otherwise read it as another type.
    private func plain(_ text: String) -> Node {
        let plainNode = Node.scalar(.init(text))
        let resolved = Resolver.default.resolveTag(of: plainNode)
        let needsQuotes = resolved != .str || text.isEmpty || text != text.trimmingCharacters(in: .whitespaces)
        return .scalar(.init(text, .implicit, needsQuotes ? .doubleQuoted : .plain))
    }

    private func list(_ items: [String]) -> Node {
        .sequence(.init(items.map(plain), .implicit, .flow))
    }
}

import Foundation
