import Foundation
import Testing
@testable import Contracts

/// Keeps our enums and field tables in step with the ODCS v3.1.0 JSON schema fixture.
@Suite("ODCS schema consistency")
struct ODCSSchemaConsistencyTests {
    static func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: Fixture.url("odcs/odcs-json-schema-v3.1.0.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func defs() throws -> [String: [String: Any]] {
        try #require(try schema()["$defs"] as? [String: [String: Any]])
    }

    static func propertyNames(_ def: [String: Any]) -> Set<String> {
        Set((def["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
    }

    @Test("logicalType, metric, dimension and server type enums match")
    func enums() throws {
        let d = try Self.defs()
        let base = try #require(d["SchemaBaseProperty"]?["properties"] as? [String: [String: Any]])
        #expect(Set(base["logicalType"]?["enum"] as? [String] ?? []) == Set(LogicalType.allCases.map(\.rawValue)))
        let library = try #require(d["DataQualityLibrary"]?["properties"] as? [String: [String: Any]])
        #expect(Set(library["metric"]?["enum"] as? [String] ?? []) == Set(QualityMetric.allCases.map(\.rawValue)))
        let dq = try #require(d["DataQuality"]?["properties"] as? [String: [String: Any]])
        #expect(Set(dq["dimension"]?["enum"] as? [String] ?? []) == Set(ContractLinter.qualityDimensions))
        #expect(Set(dq["type"]?["enum"] as? [String] ?? []) == Set(QualityRuleType.allCases.map(\.rawValue)))
        let server = try #require(d["Server"]?["properties"] as? [String: [String: Any]])
        #expect(Set(server["type"]?["enum"] as? [String] ?? []) == Set(ContractLinter.serverTypes))
        let ops = try #require(d["DataQualityOperators"]?["oneOf"] as? [[String: Any]])
        #expect(Set(ops.flatMap { ($0["required"] as? [String]) ?? [] }) == Set(QualityOperator.allCases.map(\.rawValue)))
    }

    @Test("field tables list exactly the schema's fields")
    func fields() throws {
        let d = try Self.defs()
        let top = Set((try Self.schema()["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        #expect(Set(ContractLinter.topLevelFields.keys) == top)
        let element = Self.propertyNames(d["SchemaElement"] ?? [:])
        #expect(Set(ContractLinter.schemaObjectFields.keys) == element.union(Self.propertyNames(d["SchemaObject"] ?? [:])))
        #expect(Set(ContractLinter.propertyFields.keys) == element.union(Self.propertyNames(d["SchemaBaseProperty"] ?? [:])).union(["properties", "items"]))
        #expect(Set(ContractLinter.qualityBaseFields.keys) == Self.propertyNames(d["DataQuality"] ?? [:]))
        #expect(Set(ContractLinter.roleFields.keys) == Self.propertyNames(d["Role"] ?? [:]))
    }

    @Test("apiVersions we accept are ODCS v3 versions the schema lists")
    func apiVersions() throws {
        let api = try #require((try Self.schema()["properties"] as? [String: [String: Any]])?["apiVersion"]?["enum"] as? [String])
        #expect(Set(DataContract.supportedAPIVersions).isSubset(of: Set(api)))
        #expect(DataContract.supportedAPIVersions.allSatisfy { $0.hasPrefix("v3.") })
    }
}
