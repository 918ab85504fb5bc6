import Foundation
import Testing
@testable import Contracts

@Suite("ODCS read/write round trip")
struct RoundTripTests {
    static let documents = Fixture.validContracts + ["odcs/full-example.odcs.yaml"]

    @Test("read → write → read gives the same document", arguments: documents)
    func roundTripKeepsEverything(path: String) throws {
        let original = try YAMLNode.parse(try Fixture.text(path))
        let contract = DataContract(document: original)
        let written = try contract.yaml()
        let reread = try YAMLNode.parse(written)
        let difference = reread.firstDifference(from: original)
        #expect(difference == nil, "first difference at \(difference?.description ?? "")")
        #expect(DataContract(document: reread) == DataContract(document: original))
    }

    @Test("writing is idempotent: a written contract writes back to the same text", arguments: documents)
    func idempotent(path: String) throws {
        let once = try DataContract(yaml: try Fixture.text(path)).yaml()
        let twice = try DataContract(yaml: once).yaml()
        #expect(once == twice)
    }

    @Test("typed edits add, change and remove exactly what they touch")
    func typedEdits() throws {
        var contract = try DataContract(yaml: try Fixture.text("valid/payments-transactions.odcs.yaml"))
        contract.schema[0].properties.removeAll { $0.name == "channel" }
        contract.slaProperties.append(ServiceLevel(.frequency, value: 15, unit: .minutes, element: "transactions.event_time"))
        contract.schema[0].properties[0].quality[0].condition = .mustBeLessOrEqualTo(0)
        contract.status = "deprecated"
        let reread = try DataContract(yaml: try contract.yaml())
        #expect(reread.schema[0].property(named: "channel") == nil)
        #expect(reread.schema[0].properties.count == 6)
        #expect(reread.slaProperties.last?.seconds == 900)
        #expect(reread.schema[0].properties[0].quality[0].condition == .mustBeLessOrEqualTo(0))
        #expect(reread.schema[0].properties[0].quality[0].source["mustBe"] == nil)
        #expect(reread.lifecycle == .deprecated)
        #expect(reread.servers[0].source["location"]?.string == "s3://meshwork-lake/payments/transactions")
        #expect(ContractLinter().lint(reread).errors.isEmpty)
    }

    @Test("fields Meshwork does not interpret survive an edit")
    func unknownFieldsSurviveEdits() throws {
        var contract = try DataContract(yaml: try Fixture.text("odcs/full-example.odcs.yaml"))
        contract.version = "2.0.0"
        contract.schema[0].properties[0].description = "Edited description"
        let reread = try YAMLNode.parse(try contract.yaml())
        #expect(reread["version"]?.string == "2.0.0")
        #expect(reread[path: YAMLPath("schema[0].properties[0].description")]?.string == "Edited description")
        // Untouched, uninterpreted fields are still there, in place.
        #expect(reread[path: YAMLPath("schema[0].properties[0].transformLogic")] != nil)
        #expect(reread[path: YAMLPath("servers[0].host")]?.string == "localhost")
        #expect(reread[path: YAMLPath("servers[0].port")]?.int == 5432)
        #expect(reread[path: YAMLPath("schema[0].relationships[0].from[1]")]?.string == "tbl.rcvr_cntry_code")
        #expect(reread["price"]?["priceCurrency"]?.string == "USD")
        // Key order is kept: the first keys are still domain, dataProduct, version.
        #expect(reread.entries?.prefix(3).map(\.key) == ["domain", "dataProduct", "version"])
    }

    @Test("a contract built in code writes valid minimal ODCS")
    func buildInCode() throws {
        var column = SchemaProperty(name: "id", logicalType: .string, required: true)
        column.quality = [QualityRule(id: "id_not_null", metric: .nullValues, condition: .mustBe(0))]
        let contract = DataContract(id: "sales-orders", domain: "sales", dataProduct: "orders", version: "1.0.0",
                                    schema: [SchemaObject(name: "orders", properties: [column])])
        let yaml = try contract.yaml()
        let problems = ContractLinter().lint(yaml: yaml)
        #expect(problems.errors.isEmpty, "\(problems)")
        let back = try DataContract(yaml: yaml)
        #expect(back.productID == "sales.orders")
        #expect(back.schema[0].properties[0].quality[0].condition == .mustBe(0))
        #expect(back.schema[0].properties[0].quality[0].metric == .nullValues)
    }

    @Test("strings that look like numbers, booleans or null are quoted on write")
    func ambiguousStringsAreQuoted() throws {
        var node = YAMLNode(.mapping([]))
        for (key, value) in [("a", "1.0"), ("b", "yes"), ("c", "null"), ("d", "0x1F"), ("e", ""), ("f", "plain text")] {
            node.set(key, string: value)
        }
        let reread = try YAMLNode.parse(try node.yaml())
        for key in ["a", "b", "c", "d", "e", "f"] {
            #expect(reread[key]?.string == node[key]?.string, "\(key)")
        }
    }

    @Test("a version written as a number stays as written when untouched")
    func numericVersionKept() throws {
        let yaml = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0\nstatus: draft\n"
        let contract = try DataContract(yaml: yaml)
        #expect(contract.version == "1.0")
        #expect(try YAMLNode.parse(try contract.yaml())["version"]?.scalarKind == .float)
    }

    @Test("a non-mapping document is not a contract")
    func rejectsNonMapping() {
        #expect(throws: ContractError.self) { try DataContract(yaml: "- a\n- b\n") }
        #expect(throws: ContractError.self) { try DataContract(yaml: "a: [\n") }
    }
}

