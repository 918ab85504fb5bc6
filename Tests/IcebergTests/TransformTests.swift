import Testing
@testable import Iceberg

@Suite struct TransformTests {
    @Test func parsesAndPrints() throws {
        for text in ["identity", "bucket[16]", "truncate[4]", "year", "month", "day", "hour", "void"] {
            #expect(Transform(text).name == text)
        }
        #expect(Transform("bucket[ 8 ]") == .bucket(8))
        #expect(Transform("zorder") == .unknown("zorder"))
        #expect(Transform("bucket[0]") == .unknown("bucket[0]"))
    }

    @Test func truncateFollowsTheSpecExamples() throws {
        #expect(try Transform.truncate(10).apply(.int(1)) == .int(0))
        #expect(try Transform.truncate(10).apply(.int(-1)) == .int(-10))
        #expect(try Transform.truncate(10).apply(.long(-1)) == .long(-10))
        #expect(try Transform.truncate(50).apply(.decimal(unscaled: 1065, scale: 2)) == .decimal(unscaled: 1050, scale: 2))
        #expect(try Transform.truncate(3).apply(.string("iceberg")) == .string("ice"))
        #expect(try Transform.truncate(2).apply(.string("😀é✓")) == .string("😀é"))
        #expect(try Transform.truncate(3).apply(.binary([1, 2, 3, 4, 5])) == .binary([1, 2, 3]))
    }

    @Test func temporalTransforms() throws {
        let ts = Literal.timestamptz(1_772_366_400_000_000)  // 2026-03-01T12:00:00Z
        #expect(try Transform.year.apply(ts) == .int(56))
        #expect(try Transform.month.apply(ts) == .int(56 * 12 + 2))
        #expect(try Transform.day.apply(ts) == .date(20513))
        #expect(try Transform.hour.apply(ts) == .int(20513 * 24 + 12))
        #expect(try Transform.day.apply(.date(-1)) == .date(-1))
        #expect(try Transform.year.apply(.date(-1)) == .int(-1))  // 1969-12-31
        #expect(try Transform.month.apply(.date(-1)) == .int(-1))
        #expect(try Transform.hour.apply(.timestamp(-1)) == .int(-1))
        #expect(try Transform.day.apply(.timestampNs(86_400_000_000_000)) == .date(1))
        #expect(throws: IcebergError.self) { try Transform.hour.apply(.date(3)) }
    }

    @Test func bucketMatchesPyicebergPartitionValues() throws {
        // The fixture table `parts` was partitioned by bucket[4](id): ids 1 and 2 → 0, 3 → 3.
        #expect(try Transform.bucket(4).apply(.long(1)) == .int(0))
        #expect(try Transform.bucket(4).apply(.long(2)) == .int(0))
        #expect(try Transform.bucket(4).apply(.long(3)) == .int(3))
        #expect(try Transform.bucket(16).apply(.int(34)) == .int(Int32(2017239379 % 16)))
        #expect(throws: IcebergError.self) { try Transform.bucket(4).apply(.double(1)) }
    }

    @Test func nullsAndVoid() throws {
        #expect(try Transform.bucket(4).apply(nil) == nil)
        #expect(try Transform.void.apply(.int(5)) == nil)
    }

    @Test func resultTypes() throws {
        #expect(try Transform.day.resultType(for: .timestamptz) == .date)
        #expect(try Transform.bucket(3).resultType(for: .string) == .int)
        #expect(try Transform.truncate(3).resultType(for: .string) == .string)
        #expect(try Transform.identity.resultType(for: .uuid) == .uuid)
        #expect(throws: IcebergError.self) { try Transform.hour.resultType(for: .date) }
        #expect(throws: IcebergError.self) { try Transform.truncate(2).resultType(for: .double) }
        #expect(throws: IcebergError.self) { try Transform.bucket(2).resultType(for: .boolean) }
    }
}
