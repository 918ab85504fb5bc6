extension ChangeCollector {
    mutating func compareColumns(_ a: SchemaObject, _ b: SchemaObject, at tablePath: YAMLPath) {
        let oldNames = Set(a.properties.map(\.name)), newNames = Set(b.properties.map(\.name))
        var removed = a.properties.enumerated().filter { !newNames.contains($0.element.name) }
        var added = b.properties.enumerated().filter { !oldNames.contains($0.element.name) }
        // A removed and an added column at the same position with the same type (or the same
        // physical name) is a rename.
        for r in removed {
            guard let match = added.firstIndex(where: { add in
                (add.element.physicalName != nil && add.element.physicalName == r.element.physicalName)
                    || (add.offset == r.offset && add.element.logicalTypeName == r.element.logicalTypeName)
            }) else { continue }
            let add = added.remove(at: match)
            removed.removeAll { $0.offset == r.offset }
            breaking(.columnRenamed, tablePath.appending("properties").appending(add.offset), old: r.element.name, new: add.element.name,
                     "column '\(a.name).\(r.element.name)' was renamed to '\(add.element.name)'")
        }
        for r in removed {
            breaking(.columnRemoved, tablePath.appending("properties").appending(r.offset), old: r.element.name,
                     "column '\(a.name).\(r.element.name)' was removed")
        }
        for add in added {
            let path = tablePath.appending("properties").appending(add.offset)
            if add.element.isRequired {
                breaking(.columnAdded, path, new: add.element.name,
                         "required column '\(b.name).\(add.element.name)' was added: existing data has no values for it")
            } else {
                compatible(.columnAdded, path, new: add.element.name, "optional column '\(b.name).\(add.element.name)' was added")
            }
        }
        for (j, column) in b.properties.enumerated() {
            guard let before = a.property(named: column.name) else { continue }
            compareColumn(before, column, at: tablePath.appending("properties").appending(j), label: "\(b.name).\(column.name)")
        }
    }

    mutating func compareColumn(_ a: SchemaProperty, _ b: SchemaProperty, at path: YAMLPath, label: String) {
        compareTypes(a, b, at: path, label: label)
        if a.isRequired != b.isRequired {
            if b.isRequired { breaking(.becameRequired, path.appending("required"), old: "false", new: "true", "column '\(label)' became required") }
            else { compatible(.becameOptional, path.appending("required"), old: "true", new: "false", "column '\(label)' became optional") }
        }
        if a.isUnique != b.isUnique {
            if b.isUnique { breaking(.constraintTightened, path.appending("unique"), old: "false", new: "true", "column '\(label)' must now be unique") }
            else { compatible(.constraintLoosened, path.appending("unique"), old: "true", new: "false", "column '\(label)' no longer has to be unique") }
        }
        if a.isPrimaryKey != b.isPrimaryKey || (a.isPrimaryKey && a.primaryKeyPosition != b.primaryKeyPosition) {
            breaking(.constraintTightened, path.appending("primaryKey"), old: "\(a.isPrimaryKey)", new: "\(b.isPrimaryKey)",
                     "the primary key changed at column '\(label)': joins and deduplication depend on it")
        }
        if a.classification != b.classification {
            breaking(.classificationChanged, path.appending("classification"), old: a.classification, new: b.classification,
                     "classification of '\(label)' changed from \(a.classification ?? "none") to \(b.classification ?? "none")")
        }
        if a.isPII != b.isPII {
            breaking(.classificationChanged, path.appending("tags"), old: a.isPII ? "pii" : nil, new: b.isPII ? "pii" : nil,
                     b.isPII ? "column '\(label)' is now tagged pii" : "column '\(label)' is no longer tagged pii")
        }
        if a.glossaryTerm != b.glossaryTerm {
            breaking(.glossaryTermChanged, path.appending("authoritativeDefinitions"), old: a.glossaryTerm, new: b.glossaryTerm,
                     "glossary term of '\(label)' changed from \(a.glossaryTerm ?? "none") to \(b.glossaryTerm ?? "none")")
        }
        let oldPurposes = Set(a.allowedPurposes ?? []), newPurposes = Set(b.allowedPurposes ?? [])
        if !oldPurposes.subtracting(newPurposes).isEmpty {
            breaking(.purposesNarrowed, path.appending("customProperties"), old: oldPurposes.sorted().joined(separator: ","), new: newPurposes.sorted().joined(separator: ","),
                     "purposes no longer allowed for '\(label)': \(oldPurposes.subtracting(newPurposes).sorted().joined(separator: ", "))")
        } else if !newPurposes.subtracting(oldPurposes).isEmpty {
            compatible(.purposesWidened, path.appending("customProperties"), old: oldPurposes.sorted().joined(separator: ","), new: newPurposes.sorted().joined(separator: ","),
                       "purposes newly allowed for '\(label)': \(newPurposes.subtracting(oldPurposes).sorted().joined(separator: ", "))")
        }
        compareOptions(a, b, at: path.appending("logicalTypeOptions"), label: label)
        if a.description != b.description || a.businessName != b.businessName
            || Set(a.tags.filter { $0.lowercased() != "pii" }) != Set(b.tags.filter { $0.lowercased() != "pii" }) {
            compatible(.documentationChanged, path, "documentation of '\(label)' changed")
        }
        compareRules(a.quality, b.quality, at: path.appending("quality"), scope: "column '\(label)'")
    }

    private mutating func compareTypes(_ a: SchemaProperty, _ b: SchemaProperty, at path: YAMLPath, label: String) {
        if a.logicalTypeName != b.logicalTypeName {
            let widened: Bool
            switch (a.logicalType, b.logicalType) {
            case (.integer, .number), (.date, .timestamp): widened = true
            default: widened = false
            }
            let message = "type of '\(label)' changed from \(a.logicalTypeName ?? "unspecified") to \(b.logicalTypeName ?? "unspecified")"
            if widened { compatible(.typeWidened, path.appending("logicalType"), old: a.logicalTypeName, new: b.logicalTypeName, message) }
            else { breaking(.typeNarrowed, path.appending("logicalType"), old: a.logicalTypeName, new: b.logicalTypeName, message) }
            return
        }
        if let fx = a.numericFormat, let fy = b.numericFormat, fx != fy {
            let x = fx.name, y = fy.name
            let message = "format of '\(label)' changed from \(x) to \(y)"
            if fy.holds(fx) { compatible(.typeWidened, path.appending("logicalTypeOptions").appending("format"), old: x, new: y, message) }
            else { breaking(.typeNarrowed, path.appending("logicalTypeOptions").appending("format"), old: x, new: y, message) }
        }
        if let x = a.physicalType, let y = b.physicalType, x.lowercased() != y.lowercased() {
            let message = "physical type of '\(label)' changed from \(x) to \(y)"
            if PhysicalType(y).widens(PhysicalType(x)) { compatible(.typeWidened, path.appending("physicalType"), old: x, new: y, message) }
            else { breaking(.typeNarrowed, path.appending("physicalType"), old: x, new: y, message) }
        }
    }

    private mutating func compareOptions(_ a: SchemaProperty, _ b: SchemaProperty, at path: YAMLPath, label: String) {
        // Lower bounds: higher is tighter. Upper bounds: lower is tighter.
        let lowers = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"]
        let uppers = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"]
        for key in lowers + uppers {
            let x = a.logicalTypeOptions?[key], y = b.logicalTypeOptions?[key]
            guard x != y else { continue }
            let isLower = lowers.contains(key)
            let tighter: Bool
            switch (x.flatMap(\.double) ?? x.flatMap(\.scalarText).flatMap(Double.init), y.flatMap(\.double) ?? y.flatMap(\.scalarText).flatMap(Double.init)) {
            case (nil, _?): tighter = true
            case (_?, nil): tighter = false
            case (let u?, let v?): tighter = isLower ? v > u : v < u
            case (nil, nil): tighter = (x?.scalarText ?? "") < (y?.scalarText ?? "") ? isLower : !isLower
            }
            let message = "\(key) of '\(label)' changed from \(x?.scalarText ?? "none") to \(y?.scalarText ?? "none")"
            if tighter { breaking(.constraintTightened, path.appending(key), old: x?.scalarText, new: y?.scalarText, message) }
            else { compatible(.constraintLoosened, path.appending(key), old: x?.scalarText, new: y?.scalarText, message) }
        }
        for key in ["pattern", "multipleOf"] {
            let x = a.logicalTypeOptions?[key]?.scalarText, y = b.logicalTypeOptions?[key]?.scalarText
            guard x != y else { continue }
            let message = "\(key) of '\(label)' changed from \(x ?? "none") to \(y ?? "none")"
            if y == nil { compatible(.constraintLoosened, path.appending(key), old: x, new: y, message) }
            else { breaking(.constraintTightened, path.appending(key), old: x, new: y, message) }
        }
    }
}
