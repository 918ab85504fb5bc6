extension ChangeCollector {
    mutating func compareServiceLevels(_ a: DataContract, _ b: DataContract) {
        func key(_ s: ServiceLevel) -> String { "\(s.kind?.rawValue ?? s.property.lowercased())|\(s.element ?? "")|\(s.driver ?? "")" }
        var unmatched = Array(a.slaProperties.indices)
        for (j, sla) in b.slaProperties.enumerated() {
            let path = YAMLPath("slaProperties").appending(j)
            guard let k = unmatched.firstIndex(where: { key(a.slaProperties[$0]) == key(sla) }) else {
                compatible(.slaTightened, path, new: Self.describe(sla), "SLA \(sla.property) \(Self.describe(sla)) was added")
                continue
            }
            let before = a.slaProperties[unmatched.remove(at: k)]
            compareServiceLevel(before, sla, at: path)
        }
        for i in unmatched {
            let sla = a.slaProperties[i]
            breaking(.slaWeakened, YAMLPath("slaProperties").appending(i), old: Self.describe(sla),
                     "SLA \(sla.property) \(Self.describe(sla)) was removed")
        }
    }

    private mutating func compareServiceLevel(_ a: ServiceLevel, _ b: ServiceLevel, at path: YAMLPath) {
        let oldText = Self.describe(a), newText = Self.describe(b)
        guard oldText != newText else { return }
        let message = "SLA \(b.property) changed from \(oldText) to \(newText)"
        var weaker: Bool?
        if let kind = b.kind, let smaller = kind.smallerIsStricter {
            let x = kind.isDuration ? a.seconds : a.number, y = kind.isDuration ? b.seconds : b.number
            if let x, let y {
                if x == y { return }  // the same promise written another way (60 m = 1 h)
                weaker = smaller ? y > x : y < x
            }
        } else if b.kind == .timeOfAvailability, let x = Self.minutes(a.value.scalarText), let y = Self.minutes(b.value.scalarText) {
            weaker = y > x
        }
        switch weaker {
        case true?: breaking(.slaWeakened, path, old: oldText, new: newText, message)
        case false?: compatible(.slaTightened, path, old: oldText, new: newText, message)
        case nil: breaking(.slaWeakened, path, old: oldText, new: newText, message + " (cannot tell whether it is stronger; treated as weaker)")
        }
    }

    static func describe(_ s: ServiceLevel) -> String {
        let value = s.value.scalarText ?? "null"
        return s.unitName.map { "\(value) \($0)" } ?? value
    }

    /// Minutes after midnight of `HH:MM[...]`, ignoring the offset (both sides use the same zone in practice).
    static func minutes(_ text: String?) -> Int? {
        guard let text else { return nil }
        let parts = text.prefix(5).split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        return h * 60 + m
    }

    mutating func compareMetadata(_ a: DataContract, _ b: DataContract) {
        if a.description != b.description || a.name != b.name || a.tags != b.tags {
            compatible(.documentationChanged, .root, "contract description, name or tags changed")
        }
        if a.team != b.team || a.support != b.support || a.roles != b.roles {
            compatible(.metadataChanged, .root, "team, support or roles changed")
        }
        let newServers = Set(b.servers.map(\.server))
        for (i, server) in a.servers.enumerated() where !newServers.contains(server.server) {
            breaking(.serverRemoved, YAMLPath("servers").appending(i), old: server.server, "server '\(server.server)' was removed")
        }
        let oldServers = Dictionary(a.servers.map { ($0.server, $0) }, uniquingKeysWith: { first, _ in first })
        if b.servers.contains(where: { oldServers[$0.server] == nil || oldServers[$0.server] != $0 }) {
            compatible(.metadataChanged, YAMLPath("servers"), "servers added or changed")
        }
        if a.inputPorts != b.inputPorts {
            compatible(.metadataChanged, YAMLPath("customProperties"), old: a.inputPorts.joined(separator: ","), new: b.inputPorts.joined(separator: ","),
                       "input ports changed from [\(a.inputPorts.joined(separator: ", "))] to [\(b.inputPorts.joined(separator: ", "))]")
        }
    }
}
