import Foundation
import Mesh
import Testing

/// Names that become catalog keys and warehouse paths, and `@VERSION` references.
@Suite struct ServiceNamesTests {
    @Test(arguments: ["payments", "fraud_scores", "risk-2", "a1"])
    func acceptsLowercaseNames(_ name: String) throws {
        try Names.validate(name, field: "domain")
    }

    @Test(arguments: ["", "Payments", "pay/ments", "..", "a..b", "pay.ments", "../etc", "pay ments", "-lead", "_lead", "naïve", String(repeating: "a", count: 65)])
    func rejectsUnsafeNamesNamingTheField(_ name: String) {
        let error = expectMeshError(.invalidInput) { try Names.validate(name, field: "dataProduct") }
        #expect(error?.message.contains("dataProduct") == true)
        #expect(error?.message.contains("\n") == false)
    }

    @Test func splitsProductIDs() throws {
        #expect(try Names.product("payments.transactions") == ("payments", "transactions"))
        expectMeshError(.invalidInput) { try Names.product("payments") }
        expectMeshError(.invalidInput) { try Names.product("a.b.c") }
        expectMeshError(.invalidInput) { try Names.product("a/b.c") }
    }

    @Test func parsesVersionReferences() throws {
        #expect(try VersionSpec.split("payments.transactions") == ("payments.transactions", .latest))
        #expect(try VersionSpec.split("payments.transactions@3").version == .number(3))
        #expect(try VersionSpec.split("payments.transactions@v3").version == .tag("v3"))
        #expect(try VersionSpec.split("payments.transactions@gold").version == .tag("gold"))
        #expect(try VersionSpec.split("payments.transactions@2026-11-22T06:00:00Z").version == .time(Date(timeIntervalSince1970: 1_795_327_200)))
        #expect(try VersionSpec.split("payments.transactions@2026-11-22").version == .time(Date(timeIntervalSince1970: 1_795_305_600)))
        expectMeshError(.invalidInput) { try VersionSpec.split("payments.transactions@") }
        expectMeshError(.invalidInput) { try VersionSpec.split("payments.transactions@0") }
        expectMeshError(.invalidInput) { try VersionSpec.split("payments.transactions@2026-13-45") }
        expectMeshError(.invalidInput) { try VersionSpec.split("payments@3") }
    }
}
