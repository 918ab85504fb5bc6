import Catalog
import Columnar
import Foundation
import Iceberg
import TestSupport
import Testing
import Training
@testable import Mesh

/// The demo's ML story end to end on the demo mesh: a training set joining three products from
/// three domains, checked row by row against a join computed independently from the demo's
/// input CSV files; its replay after newer versions; and the revocation reaching the training
/// set's and the model's owners.
@Suite(.serialized) struct DemoTrainingSetTests {
    /// A fixed clock, so the data and the split windows are the same on every run.
    static let clock = Date(timeIntervalSince1970: 1_795_334_400 + 1_234)

    struct Built {
        let mesh: MeshService
        let summary: MeshDemo.Summary
        let root: URL
        var directory: String { root.appendingPathComponent("demo").path }
    }

    static func build() throws -> Built {
        let root = Interop.temporaryDirectory("demo-trainset")
        let fixed = clock
        let summary = try MeshDemo(directory: root.appendingPathComponent("demo").path, now: { fixed }, say: { _ in }).run()
        return Built(mesh: try MeshService.open(directory: root.appendingPathComponent("demo").path), summary: summary, root: root)
    }

    /// Rows of a demo CSV file as `column → text`.
    static func csv(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    /// An ISO 8601 time from the CSV files (Training's parser: fast, no formatter per call).
    static func time(_ text: String) -> Date? {
        Instant(parsing: text).map { Date(timeIntervalSince1970: Double($0.microseconds) / 1_000_000) }
    }

    static func number(_ text: String?) -> String {
        guard let text, !text.isEmpty, text != "null", let value = Double(text) else { return "null" }
        return "\(value)"
    }

    /// The expected rows per split, computed from the input files with the spec's semantics:
    /// for each transaction of payments.transactions@2 (batches 1 and 2), the customer's profile
    /// row if it was updated at or before the transaction (within 30 days), and the affinity row
    /// for (customer, category) if computed at or before it (within 7 days); rows land in the
    /// split whose window holds the transaction's time.
    static func expected(_ directory: String) throws -> [String: [String]] {
        let labels = try csv("\(directory)/inputs/transactions-1.csv") + csv("\(directory)/inputs/transactions-2.csv")
        let profiles = Dictionary(uniqueKeysWithValues: try csv("\(directory)/inputs/profiles-1.csv").map { ($0["customer_id"]!, $0) })
        let affinity = Dictionary(uniqueKeysWithValues: try csv("\(directory)/inputs/merchant-affinity-1.csv").map {
            ("\($0["customer_id"]!)|\($0["merchant_category"]!)", $0)
        })
        let hour: TimeInterval = 3600
        let now = DemoData(now: clock).now
        let windows: [(String, Date, Date)] = [("train", now - 6 * hour, now - 2 * hour), ("validation", now - 2 * hour, now - hour),
                                               ("test", now - hour, now + hour)]
        var out: [String: [String]] = [:]
        for label in labels {
            let time = Self.time(label["event_time"]!)!
            guard let split = windows.first(where: { time >= $0.1 && time < $0.2 })?.0 else { continue }
            var segment = "null", country = "null", affinityValue = "null"
            if let p = profiles[label["customer_id"]!], let updated = Self.time(p["updated_at"]!),
               updated <= time, time.timeIntervalSince(updated) <= 30 * 24 * hour {
                segment = p["segment"]!
                country = p["country"]!
            }
            if let a = affinity["\(label["customer_id"]!)|\(label["merchant_category"]!)"], let computed = Self.time(a["computed_at"]!),
               computed <= time, time.timeIntervalSince(computed) <= 7 * 24 * hour {
                affinityValue = number(a["affinity"])
            }
            out[split, default: []].append([label["customer_id"]!, label["merchant_category"]!, Timestamp.iso(time), number(label["amount"]),
                                            label["currency"]!, segment, country, affinityValue].joined(separator: "|"))
        }
        return out.mapValues { $0.sorted() }
    }

    /// The rows of the training set's split tag, in the same shape, and the fico_score values seen.
    static func actual(_ mesh: MeshService, split: String) throws -> (rows: [String], fico: Set<String>) {
        let table = try mesh.openTable("\(MeshService.trainingSetNamespace).\(MeshDemo.trainingSetName)")
        let batches = try PublishPipeline.iceberg { () throws(IcebergError) -> [RecordBatch] in
            try TableScan(table: table, version: .ref(split)).readAll()
        }
        var rows: [String] = []
        var fico: Set<String> = []
        for batch in batches {
            let index = Dictionary(uniqueKeysWithValues: batch.schema.fields.enumerated().map { ($1.name, $0) })
            func cell(_ name: String, _ row: Int) -> Value { batch.columns[index[name]!].value(at: row) }
            for row in 0..<batch.count {
                guard case .timestamp(let micros, _) = cell("event_time", row) else { Issue.record("event_time is not a timestamp"); continue }
                let time = Timestamp.iso(Date(timeIntervalSince1970: Double(micros) / 1_000_000))
                rows.append([cellText(cell("customer_id", row)), cellText(cell("merchant_category", row)), time, number(cellText(cell("amount", row))),
                             cellText(cell("currency", row)), cellText(cell("segment", row)), cellText(cell("country", row)),
                             number(cellText(cell("affinity", row)))].joined(separator: "|"))
                fico.insert(cellText(cell("fico_score", row)))
            }
        }
        return (rows.sorted(), fico)
    }

    @Test func threeDomainTrainingSetMatchesAnIndependentJoinAndReplaysAfterRevocation() throws {
        let built = try Self.build()
        defer { try? FileManager.default.removeItem(at: built.root) }
        let summary = built.summary
        #expect(summary.trainingInputs == ["payments.transactions@2", "customers.profiles@1", "recommendations.merchant_affinity@1"])
        #expect(Set(summary.trainingInputs.map { $0.split(separator: ".")[0] }) == ["payments", "customers", "recommendations"])
        #expect(summary.replayMatches == true)

        // Every split, row for row, against the reference join from the CSV inputs.
        let expected = try Self.expected(built.directory)
        #expect(expected.values.map(\.count).reduce(0, +) == 40_000)
        var sawProfile = 0, sawAffinity = 0, missedBoth = 0
        for split in ["train", "validation", "test"] {
            let actual = try Self.actual(built.mesh, split: split)
            let want = expected[split] ?? []
            #expect(actual.rows.count == want.count, "\(split)")
            #expect(summary.trainingSplits[split] == want.count, "\(split)")
            let mismatches = zip(actual.rows, want).filter { $0 != $1 }
            #expect(mismatches.isEmpty, "\(split): first mismatch \(mismatches.first.map { "\($0.0) vs \($0.1)" } ?? "")")
            // fico_score is confidential and not allowed for `recommendations`: masked to null.
            #expect(actual.fico == ["null"], "\(split): \(actual.fico.prefix(3))")
            for row in want {
                let cells = row.split(separator: "|", omittingEmptySubsequences: false)
                if cells[5] != "null" { sawProfile += 1 }
                if cells[7] != "null" { sawAffinity += 1 }
                if cells[5] == "null" && cells[7] == "null" { missedBoth += 1 }
            }
        }
        // The data exercises matches and misses on both feature sources.
        #expect(sawProfile > 10_000 && sawAffinity > 1_000 && missedBoth > 100, "\(sawProfile) \(sawAffinity) \(missedBoth)")

        // The manifest records the masking decision for the purpose.
        let record = try built.mesh.trainingSet(MeshDemo.trainingSetName)
        let manifest = try TrainingSetManifest(json: record.manifest, name: record.name)
        #expect(manifest.inputs.first { $0.product == "customers.profiles" }?.masked == ["profiles.fico_score"])
        #expect(manifest.purpose == "recommendations")

        // Newer versions exist, yet a replay now (after the revocation) still reproduces the hash.
        #expect(try built.mesh.versions("payments.transactions").map(\.version) == [1, 2, 3])
        let replay = try built.mesh.replayTrainingSet(name: MeshDemo.trainingSetName, by: try built.mesh.resolveCaller("ravi", environment: [:]))
        #expect(replay.matches && replay.actualHash == summary.trainingSetHash)

        // The revocation of payments.transactions@2 reached the training set's and the model's owner.
        let alerts = try built.mesh.events(consumer: "recommendations-ml").filter { $0.kind == "upstream.revoked" }
        #expect(alerts.contains { $0.message.hasPrefix("trainset:\(MeshDemo.trainingSetName) ") })
        #expect(alerts.contains { $0.message.hasPrefix("model:\(MeshDemo.modelName) ") })
        #expect(alerts.contains { $0.productID == "recommendations.merchant_affinity" && $0.version == 1 })

        // The model's upstream lineage names all three products.
        let graph = try built.mesh.lineage(of: .model(MeshDemo.modelName), direction: .upstream)
        let labels = Set(graph.textLines().joined(separator: "\n").split(separator: " ").map(String.init))
        for product in ["payments.transactions@2", "customers.profiles@1", "recommendations.merchant_affinity@1"] {
            #expect(labels.contains(product), "\(product) missing from \(graph.textLines())")
        }
    }

    @Test func theSpecsTheDemoLeavesBuildAgain() throws {
        let built = try Self.build()
        defer { try? FileManager.default.removeItem(at: built.root) }
        #expect(built.summary.trainingSpecs.map { ($0 as NSString).lastPathComponent }.sorted() == ["fraud-review.yaml", "spend-propensity.yaml"])
        let ravi = try built.mesh.resolveCaller("ravi", environment: [:])
        let farah = try built.mesh.resolveCaller("farah", environment: [:])
        let spend = try String(contentsOfFile: "\(built.directory)/trainsets/spend-propensity.yaml", encoding: .utf8)
        let again = try built.mesh.buildTrainingSet(specYAML: spend, name: "spend-propensity-2", by: ravi)
        // On the newest versions: payments.transactions@3 adds a batch, so the set grows.
        #expect(again.manifest.inputs.map { "\($0.product)@\($0.version)" }
            == ["payments.transactions@3", "customers.profiles@1", "recommendations.merchant_affinity@2"])
        #expect(again.manifest.splits.map(\.rows).reduce(0, +) == 60_000)
        let fraud = try String(contentsOfFile: "\(built.directory)/trainsets/fraud-review.yaml", encoding: .utf8)
        let review = try built.mesh.buildTrainingSet(specYAML: fraud, by: farah)
        #expect(review.manifest.splits.map(\.name) == ["train", "test"])
        #expect(review.manifest.splits.allSatisfy { $0.rows > 1_000 }, "\(review.manifest.splits)")
        #expect(review.manifest.splits.map(\.rows).reduce(0, +) == 20_000)
    }
}
