import Testing
@testable import Contracts

/// One fault at a time planted in a valid contract: the linter must report exactly that
/// problem (rule and path), and nothing else.
@Suite("Lint: one rule at a time")
struct LintRuleTests {
    static func lint(_ edits: [(String, YAMLNode?)], base: String = "valid/payments-transactions.odcs.yaml") throws -> [String] {
        var root = try YAMLNode.parse(try Fixture.text(base))
        for (path, value) in edits { try root.set(at: YAMLPath(path), value) }
        return ContractLinter().lint(document: root).map { "\($0.severity == .error ? "E" : "W") \($0.rule) \($0.path)" }
    }

    static func yaml(_ text: String) throws -> YAMLNode { try YAMLNode.parse(text) }

    /// Lints the payments contract with `item` appended to the list at `path`.
    static func lint(appending item: YAMLNode, to path: String) throws -> [String] {
        var root = try YAMLNode.parse(try Fixture.text("valid/payments-transactions.odcs.yaml"))
        let list = (root[path: YAMLPath(path)]?.items ?? []) + [item]
        try root.set(at: YAMLPath(path), .sequence(list))
        return ContractLinter().lint(document: root).map { "\($0.severity == .error ? "E" : "W") \($0.rule) \($0.path)" }
    }

    @Test("top-level fields", arguments: [
        ("apiVersion", YAMLNode.string("v2.2.2"), "E odcs.enum apiVersion"),
        ("apiVersion", .string("3.1.0"), "E odcs.enum apiVersion"),
        ("kind", .string("Contract"), "E odcs.enum kind"),
        ("version", .number(2.1), "E odcs.type version"),
        ("version", .string("2.1"), ""),
        ("version", .string("latest"), "E mesh.version version"),
        ("status", .string("live"), "E mesh.status status"),
        ("status", .string("proposed"), ""),
        ("id", .string(" "), "E odcs.required id"),
        ("domain", nil, "E mesh.required domain"),
        ("dataProduct", .string(""), "E mesh.required dataProduct"),
        ("tags", .string("payments"), "E odcs.type tags"),
        ("description", .string("text"), "E odcs.type description"),
        ("description.owner", .string("x"), "E odcs.unknownField description.owner"),
        ("slaDefaultElement", .string("transactions.event_time"), "W odcs.deprecated slaDefaultElement"),
        ("price", .mapping([("priceAmount", .string("ten"))]), "E odcs.type price.priceAmount"),
        ("contractCreatedTs", .integer(5), "E odcs.type contractCreatedTs"),
        ("x-owner", .string("me"), "E odcs.unknownField x-owner"),
    ])
    func topLevel(path: String, value: YAMLNode?, expected: String) throws {
        let actual = try Self.lint([(path, value)])
        #expect(actual == (expected.isEmpty ? [] : [expected]), "\(actual)")
    }

    @Test("a contract without schema is rejected, and SLA elements no longer resolve")
    func missingSchema() throws {
        let actual = try Self.lint([("schema", nil)])
        #expect(actual == ["E mesh.schema schema", "E sla.element slaProperties[0].element"])
    }

    @Test("custom properties and input ports", arguments: [
        ("customProperties[0].value", YAMLNode.strings(["customers"]), "E mesh.inputPort customProperties[0].value[0]"),
        ("customProperties[0].value", .integer(3), "E mesh.inputPort customProperties[0].value"),
        ("customProperties[1]", .mapping([("property", .string("inputPorts")), ("value", .strings([]))]), "E mesh.uniqueName customProperties[1].property"),
        ("customProperties[1]", .mapping([("property", .string("x"))]), "E odcs.required customProperties[1].value"),
        ("customProperties[1]", .mapping([("property", .string("x")), ("value", .null), ("id", .string("bad id"))]), "E odcs.id customProperties[1].id"),
    ])
    func customProperties(path: String, value: YAMLNode?, expected: String) throws {
        let actual = path == "customProperties[1]" ? try Self.lint(appending: value!, to: "customProperties") : try Self.lint([(path, value)])
        #expect(actual == [expected])
    }

    @Test("properties", arguments: [
        ("schema[0].properties[1].logicalType", nil as YAMLNode?, "W mesh.logicalType schema[0].properties[1].logicalType"),
        ("schema[0].properties[1].logicalTypeOptions", YAMLNode.mapping([("minLength", .integer(-1))]), "E odcs.range schema[0].properties[1].logicalTypeOptions.minLength"),
        ("schema[0].properties[1].logicalTypeOptions", .mapping([("pattern", .string("[a-"))]), "E mesh.pattern schema[0].properties[1].logicalTypeOptions.pattern"),
        ("schema[0].properties[3].logicalTypeOptions.multipleOf", .integer(0), "E odcs.range schema[0].properties[3].logicalTypeOptions.multipleOf"),
        ("schema[0].properties[1].properties", .sequence([]), "E odcs.unknownField schema[0].properties[1].properties"),
        ("schema[0].properties[1].items", .mapping([("logicalType", .string("string"))]), "E odcs.unknownField schema[0].properties[1].items"),
        ("schema[0].properties[1].logicalType", .string("array"), "W mesh.logicalType schema[0].properties[1].items"),
        ("schema[0].properties[1].classification", .string(""), "E mesh.classification schema[0].properties[1].classification"),
        ("schema[0].properties[1].primaryKeyPosition", .string("2"), "E odcs.type schema[0].properties[1].primaryKeyPosition"),
        ("schema[0].properties[1].id", .string("merchant id"), "E odcs.id schema[0].properties[1].id"),
        ("schema[0].properties[2].customProperties[0].value", .strings([]), "E mesh.allowedPurposes schema[0].properties[2].customProperties[0].value"),
        ("schema[0].logicalType", .string("table"), "E odcs.enum schema[0].logicalType"),
        ("schema[0].properties[1].authoritativeDefinitions", .sequence([.mapping([("type", .string("glossaryTerm")), ("url", .string("glossary:bad term"))])]),
         "E glossary.binding schema[0].properties[1].authoritativeDefinitions[0].url"),
        ("schema[0].properties[1].authoritativeDefinitions", .sequence([.mapping([("type", .string("businessDefinition")), ("url", .string("glossary:merchant"))])]),
         "W glossary.binding schema[0].properties[1].authoritativeDefinitions[0].type"),
        ("schema[0].properties[1].authoritativeDefinitions", .sequence([.mapping([("type", .string("canonical")), ("url", .string("glossary:merchant"))])]),
         "E glossary.binding schema[0].properties[1].authoritativeDefinitions[0].type"),
        ("schema[0].properties[1].authoritativeDefinitions", .sequence([.mapping([("url", .string("https://example.com"))])]),
         "E odcs.required schema[0].properties[1].authoritativeDefinitions[0].type"),
        ("schema[0].authoritativeDefinitions", .sequence([.mapping([("type", .string("glossaryTerm")), ("url", .string("glossary:x"))])]),
         "E glossary.binding schema[0].authoritativeDefinitions[0].url"),
    ])
    func properties(path: String, value: YAMLNode?, expected: String) throws {
        #expect(try Self.lint([(path, value)]) == [expected])
    }

    @Test("logicalTypeOptions per type", arguments: [
        ("string", "{minLength: 1, maxLength: 5, pattern: '^a', format: email}", [String]()),
        ("integer", "{minimum: 0, maximum: 10, format: i64, multipleOf: 2}", []),
        ("integer", "{format: i33}", ["E odcs.enum schema[0].properties[1].logicalTypeOptions.format"]),
        ("number", "{format: f64, exclusiveMinimum: 0}", []),
        ("date", "{minimum: '2020-01-01', format: yyyy-MM-dd}", []),
        ("date", "{minLength: 3}", ["E odcs.unknownField schema[0].properties[1].logicalTypeOptions.minLength"]),
        ("timestamp", "{timezone: true, defaultTimezone: UTC}", []),
        ("boolean", "{format: yes-no}", ["E odcs.unknownField schema[0].properties[1].logicalTypeOptions.format"]),
        ("array", "{minItems: 1, maxItems: 0}", ["W mesh.logicalType schema[0].properties[1].items", "E mesh.range schema[0].properties[1].logicalTypeOptions.minItems"]),
    ])
    func typeOptions(type: String, options: String, expected: [String]) throws {
        let problems = try Self.lint([("schema[0].properties[1].logicalType", .string(type)),
                                      ("schema[0].properties[1].logicalTypeOptions", try Self.yaml(options))])
        #expect(Set(problems) == Set(expected))
    }

    @Test("library quality rules", arguments: [
        ("{metric: nullValues, mustBe: 0, unit: percent}", [String]()),
        ("{metric: nullValues, mustNotBe: 5}", []),
        ("{metric: nullValues, mustBeGreaterThan: 0}", []),
        ("{metric: nullValues, mustBeGreaterOrEqualTo: 0}", []),
        ("{metric: nullValues, mustBeLessThan: 5}", []),
        ("{metric: nullValues, mustBeLessOrEqualTo: 5}", []),
        ("{metric: nullValues, mustBeBetween: [0, 5]}", []),
        ("{metric: nullValues, mustNotBeBetween: [1, 5]}", []),
        ("{metric: nullValues, mustBeBetween: [5, 0]}", ["E quality.operator Q.mustBeBetween"]),
        ("{metric: nullValues, mustBeBetween: [1, 1]}", ["E quality.operator Q.mustBeBetween"]),
        ("{metric: nullValues, mustNotBeBetween: 3}", ["E quality.operator Q.mustNotBeBetween"]),
        ("{metric: nullValues, mustBeLessThan: -1}", ["W quality.operator Q.mustBeLessThan"]),
        ("{metric: nullValues, mustBeLessThan: 101, unit: percent}", ["E quality.unit Q.mustBeLessThan"]),
        ("{rule: nullValues, mustBe: 0}", ["W odcs.deprecated Q.rule"]),
        ("{type: library, mustBe: 0}", ["E odcs.required Q.metric"]),
        ("{metric: nullValues, mustBe: 0, query: 'select 1'}", ["E odcs.unknownField Q.query"]),
        ("{metric: nullValues, mustBe: 0, id: 'a b'}", ["E odcs.id Q.id"]),
        ("{metric: missingValues, arguments: {missingValues: 'N/A'}, mustBe: 0}", ["E quality.arguments Q.arguments.missingValues"]),
        ("{metric: invalidValues, arguments: {validValues: []}, mustBe: 0}", ["E quality.arguments Q.arguments.validValues"]),
        ("{metric: invalidValues, arguments: {pattern: 5}, mustBe: 0}", ["E quality.arguments Q.arguments.pattern"]),
        ("{metric: invalidValues, mustBe: 0}", ["E quality.arguments Q.arguments"]),
        ("{metric: duplicateValues, mustBe: 0}", []),
        ("{metric: nullValues, mustBe: 0, arguments: 3}", ["E odcs.type Q.arguments"]),
        ("{metric: nullValues, mustBe: 0, tags: finance}", ["E odcs.type Q.tags"]),
        ("{type: sql, query: 'SELECT COUNT(*) FROM {object}', mustBeLessThan: 10}", []),
        ("{type: sql, mustBe: 0}", ["E odcs.required Q.query"]),
        ("{type: sql, query: 'SELECT 1', mustBe: 0, mustNotBe: 1}", ["E quality.operator Q.mustNotBe"]),
        ("{type: text, description: Verified by finance.}", []),
        ("{type: text}", ["W quality.text Q.description"]),
        ("{type: rules, description: x}", ["E odcs.enum Q.type"]),
        ("{type: custom, engine: soda, implementation: 'type: duplicate_percent'}", []),
        ("{type: custom, implementation: x}", ["E odcs.required Q.engine"]),
        ("{type: custom, engine: soda}", ["E odcs.required Q.implementation"]),
        ("{type: custom, engine: soda, implementation: [1]}", ["E odcs.type Q.implementation"]),
        ("{type: custom, engine: soda, implementation: x, mustBe: 1}", ["E odcs.unknownField Q.mustBe"]),
    ])
    func libraryRules(rule: String, expected: [String]) throws {
        let problems = try Self.lint([("schema[0].properties[1].quality", .sequence([try Self.yaml(rule)]))])
        #expect(problems == expected.map { $0.replacingOccurrences(of: "Q", with: "schema[0].properties[1].quality[0]") })
    }

    @Test("meshwork rules on columns and tables", arguments: [
        ("schema[0].properties[6].quality", "{type: custom, engine: meshwork, implementation: {metric: freshness, mustBeLessThan: 2, unit: d}}", [String]()),
        ("schema[0].properties[1].quality", "{type: custom, engine: meshwork, implementation: {metric: freshness, mustBeLessThan: 2}}", ["E meshwork.implementation Q.implementation.metric"]),
        ("schema[0].properties[1].quality", "{type: custom, engine: meshwork, implementation: {metric: max, mustBeLessThan: 2}}", []),
        ("schema[0].properties[1].quality", "{type: custom, engine: meshwork, implementation: 'metric: [unclosed'}", ["E meshwork.implementation Q.implementation"]),
        ("schema[0].properties[1].quality", "{type: custom, engine: meshwork, implementation: \"metric: distinctCount\\nmustBeGreaterThan: 3\"}", []),
        ("schema[0].properties[3].quality", "{type: custom, engine: meshwork, implementation: {metric: drift, mustBeLessThan: -0.1}}", ["E meshwork.implementation Q.implementation.mustBeLessThan"]),
        ("schema[0].properties[3].quality", "{type: custom, engine: meshwork, implementation: {metric: drift, arguments: {buckets: 1}, mustBeLessThan: 0.1}}", ["E meshwork.implementation Q.implementation.arguments.buckets"]),
        ("schema[0].properties[3].quality", "{type: custom, engine: meshwork, implementation: {metric: mean, mustBe: 1, mustNotBe: 2}}", ["E meshwork.implementation Q.implementation.mustNotBe"]),
        ("schema[0].properties[3].quality", "{type: custom, engine: meshwork, implementation: {metric: mean, mustBe: 1, arguments: [1]}}", ["E meshwork.implementation Q.implementation.arguments"]),
        ("schema[0].quality", "{type: custom, engine: meshwork, implementation: {metric: freshness, arguments: {column: event_time}, mustBeLessThan: 6}}", []),
        ("schema[0].quality", "{type: custom, engine: meshwork, implementation: {metric: freshness, mustBeLessThan: 6}}", ["E meshwork.implementation Q.implementation.arguments"]),
        ("schema[0].quality", "{type: custom, engine: meshwork, implementation: {metric: max, arguments: {column: nope}, mustBeLessThan: 6}}", ["E meshwork.implementation Q.implementation.arguments.column"]),
        ("schema[0].quality", "{metric: rowCount, mustBeGreaterThan: 0, unit: percent}", ["E quality.unit Q.unit"]),
        ("schema[0].quality", "{metric: duplicateValues, mustBe: 0}", ["E quality.arguments Q.arguments"]),
        ("schema[0].quality", "{metric: missingValues, arguments: {missingValues: ['']}, mustBe: 0}", ["E quality.level Q.metric"]),
    ])
    func meshworkRules(path: String, rule: String, expected: [String]) throws {
        let problems = try Self.lint([(path, .sequence([try Self.yaml(rule)]))])
        #expect(problems == expected.map { $0.replacingOccurrences(of: "Q", with: "\(path)[0]") }, "\(problems)")
    }

    @Test("SLAs", arguments: [
        ("{property: latency, value: 4, unit: hours, element: event_time}", [String]()),
        ("{property: latency, value: 0, unit: h}", ["E sla.value S.value"]),
        ("{property: availability, value: 120}", ["E sla.value S.value"]),
        ("{property: availability, value: 99.9}", []),
        ("{property: generalAvailability, value: '2025-01-01T00:00:00Z'}", []),
        ("{property: customMetric, value: 3}", []),
        ("{property: timeOfAvailability, value: '09:00-08:00'}", []),
        ("{property: timeOfAvailability, value: 'morning'}", ["E sla.value S.value"]),
        ("{property: latency, value: 4, unit: h, element: 'transactions.event_time, transactions.nope'}", ["E sla.element S.element"]),
        ("{property: latency, value: 4, unit: h, flavour: x}", ["E odcs.unknownField S.flavour"]),
        ("{value: 4}", ["E odcs.required S.property"]),
        ("{property: frequency, value: 1, unit: h}", ["E sla.duplicate S.property"]),
    ])
    func serviceLevels(sla: String, expected: [String]) throws {
        // The fixture has four SLA entries; the new one is appended as slaProperties[4].
        var root = try YAMLNode.parse(try Fixture.text("valid/payments-transactions.odcs.yaml"))
        var list = root["slaProperties"]!.items!
        list.append(try Self.yaml(sla))
        root.set("slaProperties", .sequence(list))
        let actual = ContractLinter().lint(document: root).map { "\($0.severity == .error ? "E" : "W") \($0.rule) \($0.path)" }
        #expect(actual == expected.map { $0.replacingOccurrences(of: "S", with: "slaProperties[4]") })
    }

    @Test("team, roles, support and servers", arguments: [
        ("team", YAMLNode.sequence([.mapping([("username", .string("a")), ("role", .string("owner"))])]), "W odcs.deprecated team"),
        ("team.lead", .string("x"), "E odcs.unknownField team.lead"),
        ("team.members[0].username", nil, "E odcs.required team.members[0].username"),
        ("roles[0].role", nil, "E odcs.required roles[0].role"),
        ("roles[0].grants", .string("x"), "E odcs.unknownField roles[0].grants"),
        ("support[0].channel", nil, "E odcs.required support[0].channel"),
        ("servers[0].type", .string("gcs"), "E odcs.enum servers[0].type"),
        ("servers[0].server", nil, "E odcs.required servers[0].server"),
        ("servers[0].bucketRegion", .string("eu-west-1"), ""),
    ])
    func operations(path: String, value: YAMLNode?, expected: String) throws {
        #expect(try Self.lint([(path, value)]) == (expected.isEmpty ? [] : [expected]))
    }

    @Test("relationships", arguments: [
        ("schema[0].relationships", "[{type: foreignKey, from: transactions.customer_id, to: profiles.customer_id}]", [String]()),
        ("schema[0].relationships", "[{from: [transactions.a, transactions.b], to: [x.a, x.b]}]", []),
        ("schema[0].relationships", "[{from: [transactions.a, transactions.b], to: [x.a]}]", ["E mesh.relationship schema[0].relationships[0]"]),
        ("schema[0].relationships", "[{from: transactions.a, to: [x.a]}]", ["E odcs.relationship schema[0].relationships[0]"]),
        ("schema[0].relationships", "[{to: x.a}]", ["E odcs.required schema[0].relationships[0].from"]),
        ("schema[0].relationships", "[{from: a.b, to: x.a, type: owns}]", ["E odcs.enum schema[0].relationships[0].type"]),
        ("schema[0].properties[2].relationships", "[{to: profiles.customer_id}]", []),
        ("schema[0].properties[2].relationships", "[{from: a.b, to: profiles.customer_id}]", ["E odcs.relationship schema[0].properties[2].relationships[0].from"]),
        ("schema[0].properties[2].relationships", "[{to: []}]", ["E odcs.type schema[0].properties[2].relationships[0].to"]),
        ("schema[0].properties[2].relationships", "[{to: x.y, cardinality: many}]", ["E odcs.unknownField schema[0].properties[2].relationships[0].cardinality"]),
    ])
    func relationships(path: String, value: String, expected: [String]) throws {
        let actual = try Self.lint([(path, try Self.yaml(value))])
        #expect(actual == expected, "\(actual)")
    }

    @Test("ODCS v3.0 documents are held to the v3.0 schema")
    func legacyVersion() throws {
        let base = "valid/marketing-campaigns-v302.odcs.yaml"
        #expect(try Self.lint([], base: base).isEmpty)
        #expect(try Self.lint([("schema[0].properties[0].quality[0]", try Self.yaml("{metric: nullValues, mustBe: 0}"))], base: base)
                == ["E odcs.version schema[0].properties[0].quality[0].metric"])
        #expect(try Self.lint([("schema[0].properties[0].id", .string("touch"))], base: base) == ["E odcs.version schema[0].properties[0].id"])
        #expect(try Self.lint([("schema[0].properties[2].logicalType", .string("timestamp"))], base: base) == ["E odcs.version schema[0].properties[2].logicalType"])
        #expect(try Self.lint([("team", try Self.yaml("{name: marketing, members: [{username: sam, role: owner}]}"))], base: base) == ["E odcs.version team"])
        #expect(try Self.lint([("support[0].url", nil)], base: base) == ["E odcs.required support[0].url"])
        #expect(try Self.lint([("slaProperties[0].description", .string("x"))], base: base) == ["E odcs.version slaProperties[0].description"])
    }

    @Test("duplicate keys and non-mapping documents")
    func structure() {
        let dup = ContractLinter().lint(yaml: "apiVersion: v3.1.0\nkind: DataContract\nkind: DataContract\n")
        #expect(dup.contains { $0.rule == "odcs.duplicateKey" || $0.rule == "yaml.syntax" })
        let list = ContractLinter().lint(yaml: "- a\n")
        #expect(list.map(\.rule) == ["odcs.type"])
    }

    @Test("problems print with path, line and rule")
    func rendering() {
        let p = LintProblem(.error, rule: "odcs.enum", path: YAMLPath("schema[0].properties[2].logicalType"), line: 12, message: "bad")
        #expect(p.description == "error: schema[0].properties[2].logicalType (line 12): bad [odcs.enum]")
    }
}
