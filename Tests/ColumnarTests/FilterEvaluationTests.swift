import Foundation
import Testing
import Columnar

/// Row evaluation of filters: every operator on every type, nulls and three-valued logic.
@Suite struct FilterEvaluationTests {
    static let uuidA = UUID(uuidString: "00000000-0000-0000-0000-0000000000aa")!
    static let uuidB = UUID(uuidString: "ffffffff-0000-0000-0000-000000000000")!

    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("qty", .int32),
        Field("amount", .double),
        Field("name", .string),
        Field("price", .decimal(precision: 10, scale: 2)),
        Field("day", .date),
        Field("ts", .timestamp(unit: .microseconds, utc: true)),
        Field("flag", .boolean),
        Field("uid", .uuid),
        Field("raw", .binary),
        Field("tags", .list(element: Field("element", .string))),
        Field("f", .float),
        Field("code", .fixedBinary(width: 2)),
    ])

    /// Five rows; id is 1...5 and every other column has a null somewhere.
    static func batch() throws -> RecordBatch {
        var b = RecordBatchBuilder(schema: schema)
        let rows: [[Value]] = [
            [.int64(1), .int32(10), .double(1.5), .string("ann"), .decimal(100, scale: 2), .date(0), .timestamp(0, .microseconds),
             .boolean(true), .uuid(uuidA), .binary([1]), .list([.string("a")]), .float(0.1), .binary([0, 1])],
            [.int64(2), .null, .double(2.5), .string("bo"), .decimal(250, scale: 2), .date(1), .timestamp(1_000_000, .microseconds),
             .boolean(false), .uuid(uuidB), .binary([1, 0]), .list([]), .float(0.5), .binary([0, 2])],
            [.int64(3), .int32(30), .null, .null, .null, .date(2), .timestamp(2_000_000, .microseconds),
             .null, .null, .null, .null, .null, .null],
            [.int64(4), .int32(40), .double(.nan), .string("cy"), .decimal(99_999, scale: 2), .null, .null,
             .boolean(true), .uuid(uuidA), .binary([]), .list([.string("b"), .null]), .float(-1), .binary([1, 0])],
            [.int64(5), .int32(50), .double(-1), .string(""), .decimal(-5, scale: 2), .date(4), .timestamp(4_000_000, .microseconds),
             .boolean(false), .uuid(uuidB), .binary([2]), .list([.string("c")]), .float(2), .binary([0, 1])],
        ]
        for row in rows { try b.append(row: row) }
        return b.finish()
    }

    /// The ids of the rows `text` selects.
    func ids(_ text: String, in batch: RecordBatch? = nil) throws -> [Int64] {
        let batch = try batch ?? Self.batch()
        return try ids(FilterPredicate.parse(text, schema: batch.schema), in: batch)
    }

    func ids(_ p: FilterPredicate, in batch: RecordBatch? = nil) throws -> [Int64] {
        let batch = try batch ?? Self.batch()
        let mask = try p.evaluate(batch)
        #expect(mask.count == batch.count)
        let filtered = try batch.filter(p)
        let selected = (0..<batch.count).filter { mask[$0] }.compactMap { i -> Int64? in
            if case .int64(let v) = batch.row(i)[0] { return v }
            return nil
        }
        #expect(filtered.count == selected.count)
        #expect((0..<filtered.count).map { filtered.row($0)[0] } == selected.map { .int64($0) })
        return selected
    }

    @Test("every operator on every column type", arguments: [
        ("id = 3", [3] as [Int64]), ("id != 3", [1, 2, 4, 5]), ("id < 3", [1, 2]), ("id <= 3", [1, 2, 3]),
        ("id > 3", [4, 5]), ("id >= 3", [3, 4, 5]), ("id > 2.5", [3, 4, 5]), ("id = 2.5", []), ("id <= 2.5", [1, 2]),
        ("qty = 30", [3]), ("qty != 30", [1, 4, 5]), ("qty < 40", [1, 3]), ("qty <= 40", [1, 3, 4]),
        ("qty > 40", [5]), ("qty >= 40", [4, 5]), ("qty < 3000000000", [1, 3, 4, 5]), ("qty > 1e10", []),
        ("amount = 1.5", [1]), ("amount != 1.5", [2, 4, 5]), ("amount < 2", [1, 5]), ("amount <= 2.5", [1, 2, 5]),
        ("amount > 0", [1, 2]), ("amount >= -1", [1, 2, 5]),
        ("f = 0.1", [1]), ("f < 0.5", [1, 4]), ("f >= 0.5", [2, 5]), ("f != 2", [1, 2, 4]),
        ("name = 'bo'", [2]), ("name != 'bo'", [1, 4, 5]), ("name < 'b'", [1, 5]), ("name <= 'bo'", [1, 2, 5]),
        ("name > 'bo'", [4]), ("name >= 'b'", [2, 4]), ("name = ''", [5]),
        ("price = 1", [1]), ("price = 2.5", [2]), ("price != 2.50", [1, 4, 5]), ("price < 1.005", [1, 5]),
        ("price <= 999.99", [1, 2, 4, 5]), ("price > 999.989", [4]), ("price >= 0", [1, 2, 4]),
        ("day = DATE '1970-01-02'", [2]), ("day != '1970-01-02'", [1, 3, 5]), ("day < '1970-01-03'", [1, 2]),
        ("day <= '1970-01-03'", [1, 2, 3]), ("day > '1970-01-03'", [5]), ("day >= '1970-01-01'", [1, 2, 3, 5]),
        ("ts = TIMESTAMP '1970-01-01T00:00:01Z'", [2]), ("ts != '1970-01-01T00:00:01Z'", [1, 3, 5]),
        ("ts < '1970-01-01T00:00:00.5Z'", [1]), ("ts <= '1970-01-01T00:00:02Z'", [1, 2, 3]),
        ("ts > '1970-01-01T01:00:01+01:00'", [3, 5]), ("ts >= '1970-01-01'", [1, 2, 3, 5]),
        ("ts = '1970-01-01T00:00:01.000000001Z'", []), ("ts > '1970-01-01T00:00:01.000000001Z'", [3, 5]),
        ("flag = TRUE", [1, 4]), ("flag != true", [2, 5]), ("flag < true", [2, 5]), ("flag >= false", [1, 2, 4, 5]),
        ("uid = '00000000-0000-0000-0000-0000000000AA'", [1, 4]), ("uid != '00000000-0000-0000-0000-0000000000aa'", [2, 5]),
        ("uid > '00000000-0000-0000-0000-0000000000aa'", [2, 5]),
        ("raw = ''", [4]), ("raw < '\u{01}'", [4]), ("raw >= '\u{01}'", [1, 2, 5]), ("raw != '\u{01}'", [2, 4, 5]),
        ("code = '\u{00}\u{01}'", [1, 5]), ("code > '\u{00}\u{01}'", [2, 4]),
        ("qty IN (10, 50, 99)", [1, 5]), ("ts IN ('1970-01-01T00:00:01Z', '1970-01-01')", [1, 2]),
        ("day IN ('1970-01-02', '1970-01-05', '1971-01-01')", [2, 5]), ("raw IN ('\u{01}', '')", [1, 4]), ("name IN ('cy', 'ann')", [1, 4]), ("qty NOT IN (10, 30)", [4, 5]),
        ("id BETWEEN 2 AND 4", [2, 3, 4]), ("qty BETWEEN 10 AND 35", [1, 3]), ("qty NOT BETWEEN 10 AND 35", [4, 5]),
        ("id BETWEEN 4 AND 2", []), ("name BETWEEN 'a' AND 'bz'", [1, 2]),
        ("qty IS NULL", [2]), ("qty IS NOT NULL", [1, 3, 4, 5]), ("id IS NULL", []), ("id IS NOT NULL", [1, 2, 3, 4, 5]),
        ("tags IS NULL", [3]), ("tags IS NOT NULL", [1, 2, 4, 5]), ("ts IS NULL", [4]),
    ])
    func operatorOnType(text: String, expected: [Int64]) throws {
        #expect(try ids(text) == expected, "\(text)")
    }

    @Test func threeValuedLogic() throws {
        // qty is null in row 2; name is null in row 3.
        #expect(try ids("NOT qty = 10") == [3, 4, 5])
        #expect(try ids("qty = 10 OR qty IS NULL") == [1, 2])
        #expect(try ids("NOT (qty = 10 AND name = 'x')") == [1, 2, 3, 4, 5]) // unknown AND false = false
        #expect(try ids("NOT (qty > 35 OR name = 'bo')") == [1]) // row 3: false OR unknown = unknown
        #expect(try ids("qty > 35 OR name = 'bo'") == [2, 4, 5]) // row 2: unknown OR true = true
        #expect(try ids("qty > 5 AND name != 'zz'") == [1, 4, 5]) // rows 2 and 3 are unknown
        #expect(try ids("NOT (qty > 5 AND name != 'zz')") == []) // NOT unknown = unknown
        #expect(try ids("NOT NOT qty = 10") == [1])
        #expect(try ids("NOT qty IN (10)") == [3, 4, 5])
        #expect(try ids("NOT qty IS NULL") == [1, 3, 4, 5])
    }

    @Test func nullLiteralsAndEmptySetsBuiltInCode() throws {
        #expect(try ids(.equal("id", .null)) == [])
        #expect(try ids(.not(.equal("id", .null))) == [])
        #expect(try ids(.notEqual("qty", .null)) == [])
        #expect(try ids(.isIn("qty", [])) == [])
        #expect(try ids(.not(.isIn("qty", []))) == [1, 3, 4, 5]) // NULL IN () stays unknown
        #expect(try ids(.isIn("qty", [.int32(10), .null])) == [1])
        #expect(try ids(.not(.isIn("qty", [.int32(10), .null]))) == []) // x NOT IN (…, NULL) is never true
    }

    @Test func nanFollowsIEEERules() throws {
        // Row 4's amount is NaN: unordered and unequal to every number.
        #expect(try ids("amount != 99") == [1, 2, 4, 5])
        #expect(try ids("amount < 1e308 OR amount >= 1e308") == [1, 2, 5])
        #expect(try ids(.equal("amount", .double(.nan))) == [])
        #expect(try ids(.notEqual("amount", .double(.nan))) == [1, 2, 4, 5])
        // The exact (ValueOrder) path agrees.
        #expect(try ids(.greaterThan("amount", .decimal(0, scale: 0))) == [1, 2])
        #expect(try ids(.notEqual("amount", .decimal(15, scale: 1))) == [2, 4, 5])
    }

    @Test func mixedKindsCompareExactly() throws {
        #expect(try ids(.lessThan("id", .decimal(25, scale: 1))) == [1, 2])
        #expect(try ids(.equal("id", .int32(4))) == [4])
        #expect(try ids(.equal("qty", .int64(30))) == [3])
        #expect(try ids(.greaterThan("qty", .int64(5_000_000_000))) == [])
        #expect(try ids(.lessThan("qty", .double(30.5))) == [1, 3])
        #expect(try ids(.equal("price", .int64(1))) == [1])
        #expect(try ids(.equal("price", .decimal(25, scale: 1))) == [2])
        #expect(try ids(.greaterThan("price", .double(999.98))) == [4])
        #expect(try ids(.equal("amount", .int64(-1))) == [5])
        #expect(try ids(.equal("amount", .float(1.5))) == [1])
        #expect(try ids(.equal("ts", .timestamp(1000, .milliseconds))) == [2])
        #expect(try ids(.equal("ts", .timestamp(1_000_000_000, .nanoseconds))) == [2])
        #expect(try ids(.lessThan("ts", .timestamp(1_000_000_001, .nanoseconds))) == [1, 2])
        #expect(try ids(.greaterThan("f", .double(0.1))) == [1, 2, 5]) // Float(0.1) widens to just above 0.1
        #expect(try ids(.equal("code", .binary([0, 1, 0]))) == [])
        #expect(try ids(.lessThan("code", .binary([0, 1, 0]))) == [1, 5])
    }

    @Test func slicedBatchesUseTheirOwnRows() throws {
        let slice = try Self.batch().slice(1..<4)
        #expect(try ids("qty IS NULL OR name = 'cy'", in: slice) == [2, 4])
        #expect(try ids("name >= 'bo'", in: slice) == [2, 4])
        #expect(try ids("code = '\u{01}\u{00}'", in: slice) == [4])
        #expect(try ids("uid = '00000000-0000-0000-0000-0000000000aa'", in: slice) == [4])
        let filtered = try slice.filter(FilterPredicate.parse("id != 3", schema: slice.schema))
        #expect(filtered.row(1)[10] == .list([.string("b"), .null]))
    }

    @Test func errorsForListsUnknownColumnsAndIncomparableKinds() throws {
        let batch = try Self.batch()
        #expect {
            try FilterPredicate.equal("tags", .string("a")).evaluate(batch)
        } throws: { error in
            (error as? ColumnarError)?.kind == .typeMismatch
                && (error as? ColumnarError)?.message == "filter: column 'tags' is list<string>; a list can only be tested with IS [NOT] NULL"
        }
        #expect {
            try FilterPredicate.isNull("nope").evaluate(batch)
        } throws: { error in
            (error as? ColumnarError)?.kind == .unknownColumn
                && (error as? ColumnarError)?.message.hasPrefix("filter: unknown column 'nope' (columns: id, qty,") == true
        }
        #expect {
            try FilterPredicate.equal("name", .int64(1)).evaluate(batch)
        } throws: { error in
            (error as? ColumnarError)?.kind == .typeMismatch
                && (error as? ColumnarError)?.message == "filter: column 'name' is string and cannot be compared with int64(1)"
        }
        // Even when every row is null the kinds are checked.
        let empty = RecordBatch.empty(Self.schema)
        #expect(throws: ColumnarError.self) { try FilterPredicate.lessThan("day", .string("x")).evaluate(empty) }
        #expect(try FilterPredicate.lessThan("day", .date(3)).evaluate(empty).isEmpty)
    }

    /// The typed fast paths agree with a row-at-a-time reference built on ``ValueOrder``.
    @Test func fastPathsMatchTheReference() throws {
        let schema = Schema([Field("i", .int64), Field("j", .int32), Field("d", .double), Field("s", .string)])
        var b = RecordBatchBuilder(schema: schema)
        var rng = SystemRandomNumberGenerator()
        let words = ["", "a", "ab", "b", "ba", "é", "z"]
        for _ in 0..<2000 {
            let i: Value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .int64(Int64.random(in: -20...20, using: &rng))
            let j: Value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .int32(Int32.random(in: -20...20, using: &rng))
            let d: Value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .double(Double(Int.random(in: -40...40, using: &rng)) / 2)
            let s: Value = Int.random(in: 0..<10, using: &rng) == 0 ? .null : .string(words.randomElement(using: &rng)!)
            try b.append(row: [i, j, d, s])
        }
        let batch = b.finish()
        let literals: [(String, Value)] = [
            ("i", .int64(3)), ("j", .int32(-4)), ("d", .double(2.5)), ("s", .string("ab")),
            ("i", .decimal(25, scale: 1)), ("i", .decimal(-25, scale: 1)), ("j", .decimal(-300, scale: 2)),
            ("j", .decimal(5_000_000_000_5, scale: 1)), ("j", .int64(-5_000_000_000)), ("d", .decimal(-75, scale: 1)),
        ]
        let ops: [((String, Value) -> FilterPredicate, (Int) -> Bool)] = [
            ({ .equal($0, $1) }, { $0 == 0 }),
            ({ .notEqual($0, $1) }, { $0 != 0 }),
            ({ .lessThan($0, $1) }, { $0 < 0 }),
            ({ .lessThanOrEqual($0, $1) }, { $0 <= 0 }),
            ({ .greaterThan($0, $1) }, { $0 > 0 }),
            ({ .greaterThanOrEqual($0, $1) }, { $0 >= 0 }),
        ]
        for (name, literal) in literals {
            let column = try #require(batch.column(named: name))
            for (make, holds) in ops {
                let mask = try make(name, literal).evaluate(batch)
                let reference = (0..<batch.count).map { r in
                    ValueOrder.compare(column.value(at: r), literal).map(holds) ?? false
                }
                #expect(Array(mask) == reference, "\(make(name, literal))")
            }
        }
        let sets: [(String, [Value])] = [
            ("i", [.int64(-20), .int64(0), .int64(7), .int32(19), .int64(3)]),
            ("j", [.int32(-4), .int64(5_000_000_000), .int32(0), .int64(11)]),
            ("s", [.string("z"), .string(""), .string("ab"), .string("é")]),
            ("d", [.double(2.5), .double(-3), .double(0)]),
            ("i", [.int64(1), .decimal(15, scale: 1), .int64(2)]),
        ]
        for (name, values) in sets {
            let column = try #require(batch.column(named: name))
            let mask = try FilterPredicate.isIn(name, values).evaluate(batch)
            let reference = (0..<batch.count).map { r in values.contains { ValueOrder.compare(column.value(at: r), $0) == 0 } }
            #expect(Array(mask) == reference, "\(name) IN \(values)")
            let negated = try FilterPredicate.not(.isIn(name, values)).evaluate(batch)
            #expect(Array(negated) == (0..<batch.count).map { !column.isNull($0) && !reference[$0] })
        }
    }
}
