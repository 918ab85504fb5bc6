extension ContractLinter {
    /// Checks `relationships` at schema level (`from` and `to`, both strings or both lists of
    /// equal length) or property level (`to` only; `from` is the property itself).
    func lintRelationships(_ node: YAMLNode?, at path: YAMLPath, schemaLevel: Bool, _ r: inout LintReport) {
        r.forEachItem(of: node, at: path) { r, item, p in
            guard r.checkObject(item, at: p, what: "a relationship",
                                fields: ["type": .string, "from": .any, "to": .any, "customProperties": .list],
                                required: schemaLevel ? ["from", "to"] : ["to"]) else { return }
            r.checkEnum(item["type"], at: p.appending("type"), allowed: ["foreignKey"], what: "relationship type")
            if !schemaLevel, item["from"] != nil {
                r.error("odcs.relationship", p.appending("from"), "a property-level relationship must not give `from`: it is the property itself")
            }
            for key in ["from", "to"] {
                guard let ref = item[key] else { continue }
                if ref.string == nil, ref.strings?.isEmpty != false {
                    r.error("odcs.type", p.appending(key), "`\(key)` must be a reference (table.column) or a non-empty list of them")
                }
            }
            if schemaLevel, let from = item["from"], let to = item["to"] {
                let bothStrings = from.string != nil && to.string != nil
                let bothLists = from.strings != nil && to.strings != nil
                if !bothStrings && !bothLists {
                    r.error("odcs.relationship", p, "`from` and `to` must both be single references or both be lists")
                } else if bothLists, from.strings!.count != to.strings!.count {
                    r.error("mesh.relationship", p, "a composite key needs as many `to` columns (\(to.strings!.count)) as `from` columns (\(from.strings!.count))")
                }
            }
            lintCustomProperties(item["customProperties"], at: p.appending("customProperties"), &r)
        }
    }
}
