import Columnar
import Testing
@testable import Training

@Suite struct TrainingSetBuildTests {
    typealias P = PointInTimeJoinTests

    static let yaml = """
    name: default-risk
    owner: risk-ml
    purpose: credit-risk-modelling
    asOfKnownTime: true
    label: {product: lending.outcomes, keys: [customer_id, merchant_category], eventTime: event_time, columns: [defaulted]}
    features:
      - product: customers.profiles
        columns: [fico_score]
        keys: {customer_id: customer_id}
        eventTime: updated_at
        ttl: 30d
      - product: recommendations.merchant_affinity
        columns: [affinity]
        keys: {cid: customer_id, merchant_category: merchant_category}
        eventTime: computed_at
        asOfKnownTime: false
    splits:
      - {name: train, from: 1970-01-01, until: 1970-01-12}
      - {name: test, from: 1970-01-12, until: 1970-03-01}
    """

    @Test func buildsSplitsChecksAndHashes() throws {
        let spec = try TrainingSetSpec(yaml: Self.yaml)
        let build = TrainingSetBuild(spec: spec)
        let result = try build.run(labels: [try P.labels()], features: [[try P.profileRows()], [try P.affinityRows()]])
        // Days 0, 5, 10, 10 (c3), 10 (null key) are train; 12, 25, 32, 40 are test.
        #expect(result.output.rowCounts == ["train": 5, "test": 4])
        #expect(result.output.leftOutRows == 0)
        #expect(result.leakage.isClean)
        #expect(result.leakage.rowsChecked == 9)
        #expect(result.matchedRows == ["customers_profiles": 5, "recommendations_merchant_affinity": 4])
        #expect(Fixtures.values(result.output.splits[1].batches, "fico_score") == [.int32(690), .int32(720), .int32(650), .null])

        // A replay from the same inputs cut into other batches gives the same hash.
        let again = try build.run(labels: Fixtures.split(try P.labels(), at: [4, 6]),
                                  features: [Fixtures.split(try P.profileRows(), at: [3]), Fixtures.split(try P.affinityRows(), at: [1, 2])])
        #expect(again.contentHash == result.contentHash)

        // Publishing the correction later (day 30 instead of 12) changes the training set and its hash.
        var rows = try P.profileRows()
        let known = rows.column(named: "_known_at")!.allValues.enumerated().map { $0.offset == 5 ? Fixtures.day(30) : $0.element }
        var builder = ColumnBuilder(Fixtures.ts)
        for v in known { try builder.append(v) }
        rows = try RecordBatch(schema: rows.schema, columns: rows.columns.dropLast() + [builder.finish()])
        let later = try build.run(labels: [try P.labels()], features: [[rows], [try P.affinityRows()]])
        #expect(later.contentHash != result.contentHash)
        #expect(Fixtures.values(later.output.splits[1].batches, "fico_score") == [.int32(715), .int32(720), .int32(650), .null])
    }

    @Test func invalidSpecFailsBeforeReading() throws {
        var spec = try TrainingSetSpec(yaml: Self.yaml)
        spec.splits[1].from = spec.splits[0].from
        let labels = try P.labels(), profiles = try P.profileRows(), affinity = try P.affinityRows()
        do {
            _ = try TrainingSetBuild(spec: spec).run(labels: [labels], features: [[profiles], [affinity]])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidSpec)
            #expect(error.message.contains("overlaps"))
        }
    }
}
