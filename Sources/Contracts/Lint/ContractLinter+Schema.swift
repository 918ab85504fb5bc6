import Foundation

extension ContractLinter {
    static let schemaObjectFields: [String: LintReport.Shape] = [
        "id": .string, "name": .string, "physicalType": .string, "description": .string, "businessName": .string,
        "authoritativeDefinitions": .list, "tags": .stringList, "customProperties": .list, "logicalType": .string,
        "physicalName": .string, "dataGranularityDescription": .string, "properties": .list, "relationships": .list,
        "quality": .list,
    ]

    static let propertyFields: [String: LintReport.Shape] = [
        "id": .string, "name": .string, "physicalType": .string, "description": .string, "businessName": .string,
        "authoritativeDefinitions": .list, "tags": .stringList, "customProperties": .list,
        "primaryKey": .boolean, "primaryKeyPosition": .integer, "logicalType": .string, "logicalTypeOptions": .mapping,
        "physicalName": .string, "required": .boolean, "unique": .boolean, "partitioned": .boolean,
        "partitionKeyPosition": .integer, "classification": .string, "encryptedName": .string,
        "transformSourceObjects": .stringList, "transformLogic": .string, "transformDescription": .string,
        "examples": .list, "criticalDataElement": .boolean, "relationships": .list, "quality": .list,
        "properties": .list, "items": .mapping,
    ]

    /// The `logicalTypeOptions` keys ODCS allows for each logical type.
    static let logicalTypeOptionKeys: [LogicalType: [String: LintReport.Shape]] = [
        .string: ["minLength": .integer, "maxLength": .integer, "pattern": .string, "format": .string],
        .date: ["format": .string, "exclusiveMaximum": .string, "maximum": .string, "exclusiveMinimum": .string, "minimum": .string],
        .timestamp: ["format": .string, "exclusiveMaximum": .string, "maximum": .string, "exclusiveMinimum": .string,
                     "minimum": .string, "timezone": .boolean, "defaultTimezone": .string],
        .time: ["format": .string, "exclusiveMaximum": .string, "maximum": .string, "exclusiveMinimum": .string,
                "minimum": .string, "timezone": .boolean, "defaultTimezone": .string],
        .integer: ["multipleOf": .number, "maximum": .number, "exclusiveMaximum": .number, "minimum": .number,
                   "exclusiveMinimum": .number, "format": .string],
        .number: ["multipleOf": .number, "maximum": .number, "exclusiveMaximum": .number, "minimum": .number,
                  "exclusiveMinimum": .number, "format": .string],
        .object: ["maxProperties": .integer, "minProperties": .integer, "required": .stringList],
        .array: ["maxItems": .integer, "minItems": .integer, "uniqueItems": .boolean],
        .boolean: [:],
    ]

    func lintSchema(_ root: YAMLNode, _ r: inout LintReport) {
        let schemaPath = YAMLPath("schema")
        guard let schema = root["schema"] else {
            r.error("mesh.schema", schemaPath, "a data product contract needs `schema` with at least one table")
            return
        }
        guard let objects = schema.items else { return }
        if objects.isEmpty {
            r.error("mesh.schema", schemaPath, "a data product contract needs at least one table in `schema`")
        }
        var objectNames = [String: Int]()
        for (i, object) in objects.enumerated() {
            let path = schemaPath.appending(i)
            guard r.checkObject(object, at: path, what: "a schema object", fields: Self.schemaObjectFields, required: ["name"]) else { continue }
            if let name = object["name"]?.string {
                if let first = objectNames[name] {
                    r.error("mesh.uniqueName", path.appending("name"), "table name '\(name)' is already used by schema[\(first)]")
                } else {
                    objectNames[name] = i
                }
            }
            r.checkEnum(object["logicalType"], at: path.appending("logicalType"), allowed: ["object"], what: "logicalType for a schema object")
            lintAuthoritativeDefinitions(object["authoritativeDefinitions"], at: path.appending("authoritativeDefinitions"), &r, allowGlossary: false)
            lintCustomProperties(object["customProperties"], at: path.appending("customProperties"), &r)
            let properties = object["properties"]?.items ?? []
            if object["properties"] == nil || properties.isEmpty {
                r.error("mesh.schema", path.appending("properties"), "table '\(object["name"]?.string ?? "#\(i)")' needs at least one property (column)")
            }
            lintProperties(object["properties"], at: path.appending("properties"), &r)
            lintRelationships(object["relationships"], at: path.appending("relationships"), schemaLevel: true, &r)
            lintPrimaryKey(properties, at: path.appending("properties"), &r)
            let names = Set(properties.compactMap { $0["name"]?.string })
            r.forEachItem(of: object["quality"], at: path.appending("quality")) { r, rule, p in
                lintQualityRule(rule, at: p, level: .object(columns: names), &r)
            }
        }
    }

    func lintProperties(_ node: YAMLNode?, at path: YAMLPath, _ r: inout LintReport) {
        var names = [String: Int]()
        r.forEachItem(of: node, at: path) { r, property, p in
            guard let i = p.components.last.flatMap({ if case .index(let i) = $0 { return i } else { return nil } }) else { return }
            lintProperty(property, at: p, &r)
            if let name = property["name"]?.string {
                if let first = names[name] {
                    r.error("mesh.uniqueName", p.appending("name"), "column name '\(name)' is already used by \(path)[\(first)]")
                } else {
                    names[name] = i
                }
            }
        }
    }

    func lintProperty(_ property: YAMLNode, at path: YAMLPath, _ r: inout LintReport, isItem: Bool = false) {
        guard r.checkObject(property, at: path, what: isItem ? "an array items definition" : "a property",
                            fields: Self.propertyFields, required: isItem ? [] : ["name"]) else { return }
        let typeName = property["logicalType"]?.string
        let type = typeName.flatMap(LogicalType.init(rawValue:))
        if let typeName, type == nil {
            r.error("odcs.enum", path.appending("logicalType"),
                    "'\(typeName)' is not an ODCS logicalType; use one of: \(LogicalType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if r.legacy, type == .timestamp || type == .time {
            r.error("odcs.version", path.appending("logicalType"), "logicalType \(type!.rawValue) is not part of ODCS v3.0.x; use date with a physicalType, or set apiVersion: v3.1.0")
        }
        if property["logicalType"] == nil, !isItem {
            r.warning("mesh.logicalType", path.appending("logicalType"), "no `logicalType`: Meshwork cannot check the column's type")
        }
        if let options = property["logicalTypeOptions"] {
            if let type, let allowed = Self.logicalTypeOptionKeys[type] {
                r.checkObject(options, at: path.appending("logicalTypeOptions"), what: "logicalTypeOptions of a \(type.rawValue)", fields: allowed)
                lintTypeOptions(options, type: type, at: path.appending("logicalTypeOptions"), &r)
            } else if type == nil, typeName == nil {
                r.error("odcs.logicalTypeOptions", path.appending("logicalTypeOptions"), "`logicalTypeOptions` needs a `logicalType`")
            }
        }
        if property["properties"] != nil, type != .object {
            r.error("odcs.unknownField", path.appending("properties"), "nested `properties` are allowed only on a property of logicalType object")
        }
        if property["items"] != nil, type != .array {
            r.error("odcs.unknownField", path.appending("items"), "`items` is allowed only on a property of logicalType array")
        }
        if type == .array, property["items"] == nil {
            r.warning("mesh.logicalType", path.appending("items"), "an array property should describe its `items`")
        }
        if let items = property["items"], items.entries != nil {
            lintProperty(items, at: path.appending("items"), &r, isItem: true)
        }
        lintProperties(property["properties"], at: path.appending("properties"), &r)
        if property["primaryKey"]?.bool == true, property["required"]?.bool == false {
            r.warning("mesh.primaryKey", path.appending("required"), "a primary key column should not be `required: false`: Meshwork treats key columns as required")
        }
        if let c = property["classification"]?.string, c.trimmingCharacters(in: .whitespaces).isEmpty {
            r.error("mesh.classification", path.appending("classification"), "`classification` must not be empty")
        }
        lintAuthoritativeDefinitions(property["authoritativeDefinitions"], at: path.appending("authoritativeDefinitions"), &r, allowGlossary: true)
        let terms = AuthoritativeDefinition.glossaryTermsIn(property["authoritativeDefinitions"])
        if Set(terms).count > 1 {
            r.error("glossary.binding", path.appending("authoritativeDefinitions"),
                    "a column binds to at most one glossary term, found: \(terms.joined(separator: ", "))")
        }
        lintCustomProperties(property["customProperties"], at: path.appending("customProperties"), &r)
        lintRelationships(property["relationships"], at: path.appending("relationships"), schemaLevel: false, &r)
        if let purposes = property["customProperties"]?.items?.first(where: { $0["property"]?.string == SchemaProperty.allowedPurposesKey }),
           let value = purposes["value"], value.strings == nil || value.strings?.isEmpty == true {
            let index = property["customProperties"]!.items!.firstIndex(of: purposes)!
            r.error("mesh.allowedPurposes", path.appending("customProperties").appending(index).appending("value"),
                    "`allowedPurposes` must be a non-empty list of purpose names")
        }
        r.forEachItem(of: property["quality"], at: path.appending("quality")) { r, rule, p in
            lintQualityRule(rule, at: p, level: .property(type: type), &r)
        }
    }

    private func lintTypeOptions(_ options: YAMLNode, type: LogicalType, at path: YAMLPath, _ r: inout LintReport) {
        if let format = options["format"]?.string {
            if type == .integer, !NumericFormat.integerFormats.contains(format) {
                r.error("odcs.enum", path.appending("format"), "'\(format)' is not an integer format; use one of: \(NumericFormat.integerFormats.joined(separator: ", "))")
            }
            if type == .number, !NumericFormat.numberFormats.contains(format) {
                r.error("odcs.enum", path.appending("format"), "'\(format)' is not a number format; use one of: \(NumericFormat.numberFormats.joined(separator: ", "))")
            }
        }
        for (low, high) in [("minimum", "maximum"), ("minLength", "maxLength"), ("minItems", "maxItems"), ("minProperties", "maxProperties")] {
            if let lo = options[low]?.double, let hi = options[high]?.double, lo > hi {
                r.error("mesh.range", path.appending(low), "`\(low)` (\(options[low]!.scalarText!)) is greater than `\(high)` (\(options[high]!.scalarText!))")
            }
        }
        for key in ["minLength", "maxLength", "minItems", "maxItems"] {
            if let v = options[key]?.int, v < 0 { r.error("odcs.range", path.appending(key), "`\(key)` must be ≥ 0") }
        }
        if let m = options["multipleOf"]?.double, m <= 0 {
            r.error("odcs.range", path.appending("multipleOf"), "`multipleOf` must be greater than 0")
        }
        if let pattern = options["pattern"]?.string, (try? NSRegularExpression(pattern: pattern)) == nil {
            r.error("mesh.pattern", path.appending("pattern"), "'\(pattern)' is not a valid regular expression")
        }
    }

    private func lintPrimaryKey(_ properties: [YAMLNode], at path: YAMLPath, _ r: inout LintReport) {
        var positions = [Int: Int]()
        for (i, p) in properties.enumerated() where p["primaryKey"]?.bool == true {
            guard let pos = p["primaryKeyPosition"]?.int, pos >= 0 else { continue }
            if let first = positions[pos] {
                r.error("mesh.primaryKey", path.appending(i).appending("primaryKeyPosition"),
                        "primaryKeyPosition \(pos) is already used by \(path)[\(first)]")
            } else {
                positions[pos] = i
            }
        }
    }
}

extension AuthoritativeDefinition {
    static func glossaryTermsIn(_ node: YAMLNode?) -> [String] {
        [AuthoritativeDefinition].read(node).glossaryTerms
    }
}
