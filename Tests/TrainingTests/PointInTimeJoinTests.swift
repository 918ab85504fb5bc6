import Columnar
import Testing
@testable import Training

/// The hand-checked case: every expected value below was worked out by hand from the rows.
@Suite struct PointInTimeJoinTests {
    typealias F = Fixtures

    static let label = TrainingSetSpec.LabelSource(product: "lending.outcomes", keys: ["customer_id", "merchant_category"],
                                                   eventTime: "event_time", columns: ["defaulted"])

    static func profiles(asOf: Bool) -> TrainingSetSpec.FeatureSource {
        .init(product: "customers.profiles", columns: ["fico_score"], keys: [.init(feature: "customer_id", label: "customer_id")],
              eventTime: "updated_at", ttl: TimeSpan(seconds: 30 * 86_400), asOfKnownTime: asOf)
    }

    static let affinity = TrainingSetSpec.FeatureSource(
        product: "recommendations.merchant_affinity", columns: ["affinity"],
        keys: [.init(feature: "cid", label: "customer_id"), .init(feature: "merchant_category", label: "merchant_category")],
        eventTime: "computed_at")

    static func labels() throws -> RecordBatch {
        try F.batch([Field("customer_id", .string), Field("merchant_category", .string), Field("event_time", F.ts), Field("defaulted", .boolean)], [
            [.string("c1"), .string("grocery"), F.day(0), .boolean(false)],   // L1: before any profile row
            [.string("c1"), .string("grocery"), F.day(5), .boolean(false)],   // L2: tie at day 5
            [.string("c1"), .string("grocery"), F.day(10), .boolean(true)],   // L3: correction not yet known
            [.string("c1"), .string("travel"), F.day(12), .boolean(false)],   // L4: correction known
            [.string("c1"), .string("grocery"), F.day(25), .boolean(true)],   // L5: newer row
            [.string("c2"), .string("grocery"), F.day(32), .boolean(false)],  // L6: exactly at the TTL
            [.string("c2"), .string("grocery"), F.day(40), .boolean(true)],   // L7: past the TTL
            [.string("c3"), .string("grocery"), F.day(10), .boolean(false)],  // L8: no feature rows
            [.null, .string("grocery"), F.day(10), .boolean(false)],          // L9: null key
        ])
    }

    static func profileRows() throws -> RecordBatch {
        try F.batch([Field("customer_id", .string), Field("updated_at", F.ts), Field("fico_score", .int32), Field("_known_at", F.ts)], [
            [.string("c1"), F.day(1), .int32(700), F.day(1)],
            [.string("c1"), F.day(5), .int32(710), F.day(5)],
            [.string("c1"), F.day(5), .int32(715), F.day(5)],    // same event and known time: the later row wins
            [.string("c2"), F.day(2), .int32(650), F.day(2)],
            [.string("c1"), F.day(20), .int32(720), F.day(20)],
            [.string("c1"), F.day(5), .int32(690), F.day(12)],   // late correction of day 5, published day 12
            [.string("c9"), F.day(1), .int32(300), F.day(1)],    // no label has c9
            [.null, F.day(1), .int32(1), F.day(1)],              // null key never matches
        ])
    }

    static func affinityRows() throws -> RecordBatch {
        try F.batch([Field("cid", .string), Field("merchant_category", .string), Field("computed_at", .date), Field("affinity", .double)], [
            [.string("c1"), .string("grocery"), .date(3), .double(0.5)],
            [.string("c1"), .string("travel"), .date(3), .double(0.9)],
            [.string("c1"), .string("grocery"), .date(10), .double(0.6)],  // a date equals midnight: usable on day 10
        ])
    }

    @Test func handCheckedAsOfKnownTime() throws {
        let join = PointInTimeJoin(label: Self.label, features: [Self.profiles(asOf: true), Self.affinity])
        let out = try join.run(labels: [try Self.labels()], features: [[try Self.profileRows()], [try Self.affinityRows()]])
        #expect(out.schema.names == ["customer_id", "merchant_category", "event_time", "defaulted", "fico_score",
                                     "customers_profiles__updated_at", "affinity", "recommendations_merchant_affinity__computed_at"])
        let fico = F.values(out.batches, "fico_score")
        #expect(fico == [.null, .int32(715), .int32(715), .int32(690), .int32(720), .int32(650), .null, .null, .null])
        let updated = F.values(out.batches, "customers_profiles__updated_at")
        #expect(updated == [.null, F.day(5), F.day(5), F.day(5), F.day(20), F.day(2), .null, .null, .null])
        let affinity = F.values(out.batches, "affinity")
        #expect(affinity == [.null, .double(0.5), .double(0.6), .double(0.9), .double(0.6), .null, .null, .null, .null])
        #expect(out.matchedRows == [5, 4])
        // Label columns pass through unchanged.
        #expect(F.values(out.batches, "defaulted") == (try Self.labels()).column(named: "defaulted")!.allValues)
    }

    @Test func withoutAsOfKnownTimeTheCorrectionLeaksIntoHistory() throws {
        let join = PointInTimeJoin(label: Self.label, features: [Self.profiles(asOf: false)])
        let out = try join.run(labels: [try Self.labels()], features: [[try Self.profileRows()]])
        // L2 and L3 see the correction (690 known only on day 12): the later known-at wins the tie.
        #expect(F.values(out.batches, "fico_score") == [.null, .int32(690), .int32(690), .int32(690), .int32(720), .int32(650), .null, .null, .null])
    }

    @Test func batchBoundariesDoNotChangeTheResult() throws {
        let join = PointInTimeJoin(label: Self.label, features: [Self.profiles(asOf: true), Self.affinity])
        let whole = try join.run(labels: [try Self.labels()], features: [[try Self.profileRows()], [try Self.affinityRows()]])
        let pieces = try join.run(labels: F.split(try Self.labels(), at: [2, 3, 7]),
                                  features: [F.split(try Self.profileRows(), at: [1, 5]), F.split(try Self.affinityRows(), at: [2])])
        #expect(pieces.batches.count == 4)
        for name in whole.schema.names { #expect(F.values(whole.batches, name) == F.values(pieces.batches, name), "\(name)") }
    }

    @Test func ttlBoundaryIsInclusiveAndTimeUnitsMix() throws {
        // Label in milliseconds, feature in nanoseconds: compared in nanoseconds.
        let label = TrainingSetSpec.LabelSource(product: "a.b", keys: ["k"], eventTime: "t", columns: ["y"])
        let feature = TrainingSetSpec.FeatureSource(product: "c.d", columns: ["x"], keys: [.init(feature: "k", label: "k")],
                                                    eventTime: "t", ttl: TimeSpan(seconds: 1))
        let labels = try F.batch([Field("k", .int64), Field("t", .timestamp(unit: .milliseconds, utc: true)), Field("y", .int32)], [
            [.int64(1), .timestamp(2_000, .milliseconds), .int32(0)],
            [.int64(1), .timestamp(2_001, .milliseconds), .int32(0)],
            [.int64(2), .timestamp(2_000, .milliseconds), .int32(0)],
        ])
        let features = try F.batch([Field("k", .int32), Field("t", .timestamp(unit: .nanoseconds, utc: true)), Field("x", .string)], [
            [.int32(1), .timestamp(1_000_000_000, .nanoseconds), .string("one")],
            [.int32(2), .timestamp(2_000_000_001, .nanoseconds), .string("future")],
        ])
        let out = try PointInTimeJoin(label: label, features: [feature]).run(labels: [labels], features: [[features]])
        #expect(F.values(out.batches, "x") == [.string("one"), .null, .null])
        #expect(out.schema.names == ["k", "t", "y", "x", "c_d__t"])
    }

    @Test func schemaErrors() throws {
        let labels = try Self.labels()
        let missing = TrainingSetSpec.FeatureSource(product: "customers.profiles", columns: ["nope"],
                                                    keys: [.init(feature: "customer_id", label: "customer_id")], eventTime: "updated_at")
        #expect(throws: TrainingError.self) { try PointInTimeJoin(label: Self.label, features: [missing]).run(labels: [labels], features: [[try Self.profileRows()]]) }
        // asOfKnownTime without a known-at column.
        let noKnown = try Self.profileRows().project(["customer_id", "updated_at", "fico_score"])
        do {
            _ = try PointInTimeJoin(label: Self.label, features: [Self.profiles(asOf: true)]).run(labels: [labels], features: [[noKnown]])
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .schema)
            #expect(error.message.contains("_known_at"))
        }
        // Key type mismatch: string label key, int feature key.
        let intKeys = try F.batch([Field("customer_id", .int64), Field("updated_at", F.ts), Field("fico_score", .int32), Field("_known_at", F.ts)], [])
        #expect(throws: TrainingError.self) { try PointInTimeJoin(label: Self.label, features: [Self.profiles(asOf: true)]).run(labels: [labels], features: [[intKeys]]) }
        // Event time that is not a time.
        let badLabel = TrainingSetSpec.LabelSource(product: "a.b", keys: ["customer_id"], eventTime: "defaulted", columns: [])
        #expect(throws: TrainingError.self) { try PointInTimeJoin(label: badLabel, features: []).run(labels: [labels], features: []) }
        // No label batches at all.
        #expect(throws: TrainingError.self) { try PointInTimeJoin(label: Self.label, features: []).run(labels: [], features: []) }
    }
}
