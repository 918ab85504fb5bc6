/// Gathers changes while two contracts are walked side by side.
struct ChangeCollector {
    var changes: [ContractChange] = []

    mutating func breaking(_ kind: ContractChange.Kind, _ path: YAMLPath, old: String? = nil, new: String? = nil, _ message: String) {
        changes.append(ContractChange(.breaking, kind, path: path, old: old, new: new, message: message))
    }

    mutating func compatible(_ kind: ContractChange.Kind, _ path: YAMLPath, old: String? = nil, new: String? = nil, _ message: String) {
        changes.append(ContractChange(.nonBreaking, kind, path: path, old: old, new: new, message: message))
    }

    mutating func compareIdentity(_ a: DataContract, _ b: DataContract) {
        for (key, x, y) in [("id", a.id, b.id), ("domain", a.domain, b.domain), ("dataProduct", a.dataProduct, b.dataProduct)] where x != y {
            breaking(.identityChanged, YAMLPath(key), old: x, new: y,
                     "`\(key)` changed from '\(x ?? "")' to '\(y ?? "")': consumers address the product by it")
        }
        if a.status != b.status {
            let retired = b.lifecycle == .retired
            let message = "status changed from '\(a.status ?? "")' to '\(b.status ?? "")'" + (retired ? ": the product is no longer served" : "")
            if retired { breaking(.statusChanged, YAMLPath("status"), old: a.status, new: b.status, message) }
            else { compatible(.statusChanged, YAMLPath("status"), old: a.status, new: b.status, message) }
        }
    }

    mutating func compareTables(_ a: DataContract, _ b: DataContract) {
        for (i, table) in a.schema.enumerated() where b.object(named: table.name) == nil {
            breaking(.tableRemoved, YAMLPath("schema").appending(i), old: table.name, "table '\(table.name)' was removed")
        }
        for (i, table) in b.schema.enumerated() {
            let path = YAMLPath("schema").appending(i)
            guard let before = a.object(named: table.name) else {
                compatible(.tableAdded, path, new: table.name, "table '\(table.name)' was added")
                continue
            }
            if before.description != table.description || before.businessName != table.businessName || before.tags != table.tags {
                compatible(.documentationChanged, path, "documentation of table '\(table.name)' changed")
            }
            compareColumns(before, table, at: path)
            compareRules(before.quality, table.quality, at: path.appending("quality"), scope: "table '\(table.name)'")
        }
    }
}
