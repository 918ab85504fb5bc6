import Columnar
import Contracts
import Foundation
import Governance
import Mesh
import Quality
import Testing
import TextFormats

/// The demo's generated data passes its contracts and global policy, and its two bad batches
/// fail for the reasons the demo narrates.
@Suite struct DemoDataTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func report(_ csv: String, contract yaml: String) throws -> QualityReport {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let contract = try DataContract(yaml: yaml)
        var options = QualityOptions(now: DemoData(now: now).now.addingTimeInterval(1800))
        options.policy = try PolicyEngine(global: PolicyBundle(yaml: DemoPolicy.global))
        let inferred = try TextTableReader(path: url.path).schema
        let schema = ContractSchema.coercionSchema(inferred, object: contract.schema[0])
        var reader = try TextTableReader(path: url.path, schema: schema)
        var evaluator = try ContractEvaluator(contract: contract, schema: reader.schema, options: options)
        while let batch = try reader.next() { try evaluator.add(batch) }
        return evaluator.finish()
    }

    func failures(_ report: QualityReport) -> [String] {
        report.results.filter(\.isBlocking).map { "\($0.id): \($0.message)" }
    }

    @Test func goodBatchesPassTheirContracts() throws {
        let data = DemoData(now: now)
        for (csv, contract) in [(data.profiles(), DemoContracts.customersProfiles), (data.transactions(batch: 1), DemoContracts.paymentsTransactions),
                                (data.transactions(batch: 2), DemoContracts.paymentsTransactions), (data.riskScores(batch: 1), DemoContracts.fraudRiskScores),
                                (data.merchantAffinity(), DemoContracts.recommendationsMerchantAffinity)] {
            let result = try report(csv, contract: contract)
            #expect(!result.blocking, "\(failures(result))")
        }
    }

    @Test func rescaledFicoScoresBreakTheGlossaryRange() throws {
        let result = try report(DemoData(now: now).profiles(ficoScale: 1.2), contract: DemoContracts.customersProfiles)
        #expect(result.blocking)
        #expect(failures(result).contains { $0.contains("fico_score") })
    }

    @Test func theDriftedExportDoesNotMatchTheSchema() throws {
        let result = try report(DemoData(now: now).transactions(batch: 3, drifted: true), contract: DemoContracts.paymentsTransactions)
        #expect(result.blocking)
        #expect(failures(result).contains { $0.contains("amount") })
    }

    @Test func theDataIsDeterministic() {
        #expect(DemoData(now: now).transactions(batch: 1) == DemoData(now: now.addingTimeInterval(60)).transactions(batch: 1))
        #expect(DemoData(now: now).profiles() != DemoData(now: now).profiles(ficoScale: 1.2))
    }
}
