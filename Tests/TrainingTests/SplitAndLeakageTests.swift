import Columnar
import Testing
@testable import Training

@Suite struct SplitAndLeakageTests {
    typealias F = Fixtures

    static func spec(disjoint: Bool = false) throws -> TrainingSetSpec {
        try TrainingSetSpec(yaml: """
        name: s
        purpose: testing
        asOfKnownTime: false
        label: {product: a.labels, keys: [k], eventTime: t, columns: [y]}
        features:
          - {product: b.features, columns: [x], keys: [k], eventTime: ft, ttl: 5d}
        splits:
          - {name: train, from: 1970-01-01, until: 1970-01-09}
          - {name: validation, from: 1970-01-09, until: 1970-01-10}
          - {name: test, from: 1970-01-10, until: 1970-01-11}
        entityDisjoint: \(disjoint)
        """)
    }

    static let outputFields = [Field("k", .int64), Field("t", F.ts), Field("y", .int32), Field("x", .double), Field("b_features__ft", F.ts)]

    /// Rows (entity, label day, feature day or nil).
    static func rows(_ items: [(Int64, Int64, Int64?)]) throws -> RecordBatch {
        try F.batch(outputFields, items.map { k, t, f in
            [.int64(k), F.day(t), .int32(0), f == nil ? .null : .double(1), f.map { F.day($0) } ?? .null]
        })
    }

    @Test func timeSplitsAreHalfOpen() throws {
        let assigner = SplitAssigner(spec: try Self.spec())
        // Windows: train [day 0, day 8), validation [day 8, day 9), test [day 9, day 10).
        let batch = try Self.rows([(1, 0, nil), (1, 8, nil), (2, 9, nil), (3, 9, nil), (4, 10, nil), (5, -1, nil)])
        #expect(try assigner.assign(batch) == [0, 1, 2, 2, -1, -1])
        let edge = try F.batch(Self.outputFields, [[.int64(1), F.day(7, 23), .int32(0), .null, .null]])
        #expect(try assigner.assign(edge) == [0])
        let out = try assigner.partition([batch], schema: batch.schema)
        #expect(out.rowCounts == ["train": 1, "validation": 1, "test": 2])
        #expect(out.leftOutRows == 2)
        #expect(F.values(out.splits[2].batches, "k") == [.int64(2), .int64(3)])
    }

    @Test func entityDisjointKeepsEachEntityInOneSplitWithProportionalShares() throws {
        let spec = try Self.spec(disjoint: true)
        let assigner = SplitAssigner(spec: spec)
        var items: [(Int64, Int64, Int64?)] = []
        for k in 0..<2_000 { for t in [0, 5, 7, 8, 9] { items.append((Int64(k), Int64(t), nil)) } }
        items.append((7, 30, nil))  // outside every window: left out
        let batch = try Self.rows(items)
        let out = try assigner.partition(F.split(batch, at: [3_333, 7_000]), schema: batch.schema)
        #expect(out.leftOutRows == 1)
        var seen: [Value: String] = [:]
        for split in out.splits {
            for k in F.values(split.batches, "k") {
                #expect(seen[k] == nil || seen[k] == split.name)
                seen[k] = split.name
            }
        }
        // Shares follow the window durations 8 : 1 : 1 days.
        let counts = out.splits.map { Double($0.count) / 5 }
        #expect(counts[0] > 1_450 && counts[0] < 1_750, "\(counts)")
        #expect(counts[1] > 120 && counts[1] < 290, "\(counts)")
        #expect(counts[2] > 120 && counts[2] < 290, "\(counts)")
        // The assignment depends only on the key, so it is stable across runs and data.
        #expect(try assigner.assign(Self.rows([(42, 0, nil)])) == assigner.assign(Self.rows([(42, 9, nil)])))
        let report = try LeakageCheck(spec: spec).run(out)
        #expect(report.isClean, "\(report)")
    }

    @Test func cleanOutputPasses() throws {
        let spec = try Self.spec()
        let batch = try Self.rows([(1, 1, 1), (1, 8, 4), (2, 9, nil), (3, 9, 6)])
        let out = try SplitAssigner(spec: spec).partition([batch], schema: batch.schema)
        let report = try LeakageCheck(spec: spec).run(out)
        #expect(report.isClean)
        #expect(report.rowsChecked == 4)
        try report.requireClean()
    }

    @Test func detectsFutureAndStaleFeatures() throws {
        let spec = try Self.spec()
        let train = try Self.rows([(1, 3, 4), (2, 7, 1), (3, 2, 2)])
        let out = SplitOutput(schema: train.schema, splits: [SplitBatches(name: "train", batches: [train]),
                                                             SplitBatches(name: "validation", batches: []),
                                                             SplitBatches(name: "test", batches: [])], leftOutRows: 0)
        let report = try LeakageCheck(spec: spec).run(out)
        #expect(report.counts[.futureFeature] == 1)
        #expect(report.counts[.staleFeature] == 1)
        #expect(report.violations.first { $0.kind == .futureFeature }?.row == 0)
        #expect(report.violations.first { $0.kind == .staleFeature }?.row == 1)
        #expect(report.total == 2)
        #expect(throws: TrainingError.self) { try report.requireClean() }
    }

    @Test func detectsRowsOutsideTheirSplit() throws {
        let spec = try Self.spec()
        let out = SplitOutput(schema: try Self.rows([]).schema, splits: [
            SplitBatches(name: "train", batches: [try Self.rows([(1, 0, nil), (2, 8, nil)])]),   // day 8 belongs to validation
            SplitBatches(name: "validation", batches: [try Self.rows([(3, 8, nil)])]),
            SplitBatches(name: "test", batches: [try Self.rows([(4, 11, nil)])]),               // past the last window
        ], leftOutRows: 0)
        let report = try LeakageCheck(spec: spec).run(out)
        #expect(report.counts[.outsideSplit] == 2)
        #expect(report.violations.map(\.split) == ["train", "test"])
        do {
            try report.requireClean()
            Issue.record("expected a leakage error")
        } catch {
            #expect(error.kind == .leakage)
            #expect(error.message.contains("2 outsideSplit"))
        }
    }

    @Test func detectsEntityInTwoSplits() throws {
        let spec = try Self.spec(disjoint: true)
        let out = SplitOutput(schema: try Self.rows([]).schema, splits: [
            SplitBatches(name: "train", batches: [try Self.rows([(1, 0, nil), (2, 1, nil)])]),
            SplitBatches(name: "validation", batches: [try Self.rows([(3, 8, nil)])]),
            SplitBatches(name: "test", batches: [try Self.rows([(1, 9, nil), (1, 9, nil), (3, 9, nil)])]),
        ], leftOutRows: 0)
        let report = try LeakageCheck(spec: spec).run(out)
        #expect(report.counts[.entityInTwoSplits] == 2)  // entities 1 and 3, each reported once
        #expect(report.violations.allSatisfy { $0.split == "test" })
        #expect(report.violations.first?.detail.contains("k=1") == true)
        #expect(report.counts[.outsideSplit, default: 0] == 0)
    }

    @Test func missingFeatureTimeColumnCannotBeVerified() throws {
        let spec = try Self.spec()
        let batch = try Self.rows([(1, 1, 1)]).project(["k", "t", "y", "x"])
        let out = SplitOutput(schema: batch.schema, splits: [SplitBatches(name: "train", batches: [batch])], leftOutRows: 0)
        #expect(try LeakageCheck(spec: spec).run(out).counts[.futureFeature] == 1)
    }
}
