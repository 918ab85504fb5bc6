import Columnar
import Foundation
import Testing
import TestSupport
@testable import Training

@Suite struct ContentHashTests {
    static let fields = [Field("id", .int64), Field("name", .string), Field("score", .double), Field("day", .date),
                         Field("amount", .decimal(precision: 10, scale: 2)), Field("tags", .list(element: Field("item", .string))),
                         Field("u", .uuid), Field("flag", .boolean)]

    static func rows() -> [[Value]] {
        (0..<50).map { (i: Int) -> [Value] in
            let id: Value = .int64(Int64(i % 7))
            let name: Value = i % 5 == 0 ? .null : .string("n\(i % 11)")
            let score: Value = .double(Double(i) / 3)
            let day: Value = .date(Int32(i))
            let amount: Value = .decimal(Int128(i * 101), scale: 2)
            let tags: Value = .list([.string("t\(i % 3)"), .null])
            let u: Value = .uuid(UUID(uuid: (UInt8(i), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)))
            let flag: Value = .boolean(i % 2 == 0)
            return [id, name, score, day, amount, tags, u, flag]
        }
    }

    static func hash(_ rows: [[Value]], cuts: [Int] = []) throws -> String {
        let batch = try Fixtures.batch(fields, rows)
        return try ContentHash.compute(schema: batch.schema, batches: Fixtures.split(batch, at: cuts))
    }

    @Test func stableAcrossBatchBoundariesAndOrders() throws {
        let rows = Self.rows()
        let base = try Self.hash(rows)
        #expect(base.count == 64)
        #expect(try Self.hash(rows, cuts: [1, 17, 30]) == base)
        #expect(try Self.hash(rows.reversed()) == base)
        var shuffled = rows
        var rng = PointInTimeJoinRandomTests.Rng(state: 9)
        shuffled.shuffle(using: &rng)
        #expect(try Self.hash(shuffled, cuts: [25]) == base)
        // Batches given in another order.
        let batch = try Fixtures.batch(Self.fields, rows)
        let parts = Fixtures.split(batch, at: [10, 20])
        #expect(try ContentHash.compute(schema: batch.schema, batches: parts.reversed()) == base)
    }

    @Test func changesWithAnyValue() throws {
        let rows = Self.rows()
        let base = try Self.hash(rows)
        var seen: Set<String> = [base]
        for column in 0..<Self.fields.count {
            var changed = rows
            changed[13][column] = column == 1 ? .string("other") : .null
            let h = try Self.hash(changed)
            #expect(!seen.contains(h), "column \(column)")
            seen.insert(h)
        }
        var zero = rows
        zero[0][1] = .string("")  // empty string differs from null
        #expect(try Self.hash(zero) != base)
        var negZero = rows
        negZero[0][2] = .double(-0.0)
        #expect(try Self.hash(negZero) != base)
        #expect(try Self.hash(Array(rows.dropLast())) != base)  // a missing row
        #expect(try Self.hash(rows + [rows[0]]) != base)        // a duplicated row
    }

    @Test func dependsOnSchemaAndSplits() throws {
        let batch = try Fixtures.batch(Self.fields, Self.rows())
        let base = try ContentHash.compute(schema: batch.schema, batches: [batch])
        var renamed = batch.schema
        renamed.fields[0].name = "identifier"
        #expect(try ContentHash.compute(schema: renamed, batches: [batch]) != base)
        let parts = Fixtures.split(batch, at: [20])
        let a = try ContentHash.compute(SplitOutput(schema: batch.schema, splits: [SplitBatches(name: "train", batches: [parts[0]]), SplitBatches(name: "test", batches: [parts[1]])], leftOutRows: 0))
        let b = try ContentHash.compute(SplitOutput(schema: batch.schema, splits: [SplitBatches(name: "train", batches: [parts[1]]), SplitBatches(name: "test", batches: [parts[0]])], leftOutRows: 0))
        #expect(a != b)
        #expect(a != base)
        let wrong = try Fixtures.batch([Field("id", .int32)], [[.int32(1)]])
        #expect(throws: TrainingError.self) { try ContentHash.compute(schema: batch.schema, batches: [wrong]) }
    }

    /// The documented encoding, re-implemented in Python with hashlib, gives the same digest.
    @Test(.enabled(if: Interop.enabled(["hashlib"])))
    func matchesAnIndependentImplementation() throws {
        let batch = try Fixtures.batch([Field("a", .int64, nullable: false), Field("b", .string)],
                                       [[.int64(2), .string("xy")], [.int64(-1), .null], [.int64(2), .string("")]])
        let ours = try ContentHash.compute(SplitOutput(schema: batch.schema, splits: [SplitBatches(name: "train", batches: [batch])], leftOutRows: 0))
        let python = try Interop.runPython("""
        import hashlib, struct
        def s(t): b = t.encode(); return struct.pack('>Q', len(b)) + b
        head = s('\(ContentHash.version)') + struct.pack('>Q', 2) + s('a') + s('int64') + b'\\x00' + s('b') + s('string') + b'\\x01'
        rows = [b'\\x01' + struct.pack('>q', 2) + b'\\x01' + s('xy'), b'\\x01' + struct.pack('>q', -1) + b'\\x00',
                b'\\x01' + struct.pack('>q', 2) + b'\\x01' + s('')]
        print(hashlib.sha256(head + s('train') + struct.pack('>Q', 3) + b''.join(sorted(rows))).hexdigest())
        """)
        #expect(ours == python.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
