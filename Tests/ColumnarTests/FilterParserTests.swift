import Foundation
import Testing
import Columnar

/// The filter language: every construct, precedence and every error message with its position.
@Suite struct FilterParserTests {
    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("amount", .double),
        Field("name", .string),
        Field("qty", .int32),
        Field("price", .decimal(precision: 10, scale: 2)),
        Field("day", .date),
        Field("ts", .timestamp(unit: .microseconds, utc: true)),
        Field("flag", .boolean),
        Field("uid", .uuid),
        Field("raw", .binary),
        Field("tags", .list(element: Field("element", .string))),
        Field("order id", .int32),
        Field("f", .float),
        Field("local", .timestamp(unit: .milliseconds, utc: false)),
    ])

    func parse(_ text: String) throws -> FilterPredicate { try FilterPredicate.parse(text, schema: Self.schema) }

    static let newYear2026Micros: Int64 = 20454 * 86_400 * 1_000_000

    @Test("comparisons convert literals to the column's type", arguments: [
        ("id = 5", FilterPredicate.equal("id", .int64(5))),
        ("id != -5", .notEqual("id", .int64(-5))),
        ("id <> 5", .notEqual("id", .int64(5))),
        ("id < 5", .lessThan("id", .int64(5))),
        ("id <= 5", .lessThanOrEqual("id", .int64(5))),
        ("id > 5", .greaterThan("id", .int64(5))),
        ("id >= 5", .greaterThanOrEqual("id", .int64(5))),
        ("id>=5", .greaterThanOrEqual("id", .int64(5))),
        ("qty = 7", .equal("qty", .int32(7))),
        ("qty < 3000000000", .lessThan("qty", .int64(3_000_000_000))),
        ("id > 1.5", .greaterThan("id", .decimal(15, scale: 1))),
        ("id = 2e3", .equal("id", .int64(2000))),
        ("id = 99999999999999999999", .equal("id", .decimal(99_999_999_999_999_999_999, scale: 0))),
        ("amount >= 2", .greaterThanOrEqual("amount", .double(2))),
        ("amount < -1.5e3", .lessThan("amount", .double(-1500))),
        ("amount = .5", .equal("amount", .double(0.5))),
        ("f = 0.1", .equal("f", .float(0.1))),
        ("price = 12.3", .equal("price", .decimal(1230, scale: 2))),
        ("price = 7", .equal("price", .decimal(700, scale: 2))),
        ("price = 1.234", .equal("price", .decimal(1234, scale: 3))),
        ("price < -0.5E-1", .lessThan("price", .decimal(-5, scale: 2))),
        ("name = 'it''s'", .equal("name", .string("it's"))),
        ("name = ''", .equal("name", .string(""))),
        ("name = 'é and \"x\"'", .equal("name", .string("é and \"x\""))),
        ("flag = TRUE", .equal("flag", .boolean(true))),
        ("flag != false", .notEqual("flag", .boolean(false))),
        ("day = DATE '2026-01-01'", .equal("day", .date(20454))),
        ("day < '1969-12-31'", .lessThan("day", .date(-1))),
        ("day = '2024-02-29'", .equal("day", .date(19782))),
        ("ts >= TIMESTAMP '2026-01-01T00:00:00Z'", .greaterThanOrEqual("ts", .timestamp(newYear2026Micros, .microseconds))),
        ("ts >= timestamp '2026-01-01 01:30:00+01:30'", .greaterThanOrEqual("ts", .timestamp(newYear2026Micros, .microseconds))),
        ("ts >= '2026-01-01T00:00:00-0100'", .greaterThanOrEqual("ts", .timestamp(newYear2026Micros + 3_600_000_000, .microseconds))),
        ("ts > '2026-01-01'", .greaterThan("ts", .timestamp(newYear2026Micros, .microseconds))),
        ("ts > DATE '2026-01-01'", .greaterThan("ts", .timestamp(newYear2026Micros, .microseconds))),
        ("ts = '2026-01-01T00:00:00.25'", .equal("ts", .timestamp(newYear2026Micros + 250_000, .microseconds))),
        ("ts = TIMESTAMP '2026-01-01T00:00:00.000000001Z'",
         .equal("ts", .timestamp(newYear2026Micros * 1000 + 1, .nanoseconds))),
        ("local < '1970-01-01T00:01'", .lessThan("local", .timestamp(60_000, .milliseconds))),
        ("uid = '123E4567-E89B-12D3-A456-426614174000'",
         .equal("uid", .uuid(UUID(uuidString: "123e4567-e89b-12d3-a456-426614174000")!))),
        ("raw = 'ab'", .equal("raw", .binary([97, 98]))),
        ("\"order id\" = 3", .equal("order id", .int32(3))),
        ("\"name\" = 'x'", .equal("name", .string("x"))),
    ])
    func comparison(text: String, expected: FilterPredicate) throws {
        #expect(try parse(text) == expected)
    }

    @Test func nullTestsSetsAndRanges() throws {
        #expect(try parse("name IS NULL") == .isNull("name"))
        #expect(try parse("name is not null") == .isNotNull("name"))
        #expect(try parse("tags IS NOT NULL") == .isNotNull("tags"))
        #expect(try parse("qty IN (1, 2,3)") == .isIn("qty", [.int32(1), .int32(2), .int32(3)]))
        #expect(try parse("name in ('a')") == .isIn("name", [.string("a")]))
        #expect(try parse("qty NOT IN (1)") == .not(.isIn("qty", [.int32(1)])))
        #expect(try parse("id BETWEEN 1 AND 10") == .between("id", .int64(1), .int64(10)))
        #expect(try parse("id not between -1 and 1.5") == .not(.between("id", .int64(-1), .decimal(15, scale: 1))))
        #expect(try parse("day BETWEEN DATE '2026-01-01' AND '2026-01-31'") == .between("day", .date(20454), .date(20484)))
    }

    @Test func precedenceIsNotThenAndThenOr() throws {
        let a = FilterPredicate.equal("id", .int64(1))
        let b = FilterPredicate.equal("id", .int64(2))
        let c = FilterPredicate.equal("id", .int64(3))
        #expect(try parse("id = 1 OR id = 2 AND id = 3") == .or(a, .and(b, c)))
        #expect(try parse("id = 1 AND id = 2 OR id = 3") == .or(.and(a, b), c))
        #expect(try parse("(id = 1 OR id = 2) AND id = 3") == .and(.or(a, b), c))
        #expect(try parse("NOT id = 1 AND id = 2") == .and(.not(a), b))
        #expect(try parse("NOT (id = 1 AND id = 2)") == .not(.and(a, b)))
        #expect(try parse("NOT NOT id = 1") == .not(.not(a)))
        #expect(try parse("id = 1 AND id = 2 AND id = 3") == .and(.and(a, b), c))
        #expect(try parse("id = 1 OR id = 2 OR id = 3") == .or(.or(a, b), c))
        #expect(try parse("id BETWEEN 1 AND 2 AND id = 3") == .and(.between("id", .int64(1), .int64(2)), c))
        #expect(try parse("((id = 1))") == a)
        #expect(try parse("id = 1 oR name Is NuLL") == .or(a, .isNull("name")))
    }

    @Test func keywordsAreColumnNamesWhereTheSchemaHasThem() throws {
        let schema = Schema([Field("date", .date), Field("timestamp", .timestamp(unit: .milliseconds, utc: true)), Field("in", .int32)])
        #expect(try FilterPredicate.parse("date = DATE '1970-01-02' AND timestamp IS NULL", schema: schema)
            == .and(.equal("date", .date(1)), .isNull("timestamp")))
        #expect(try FilterPredicate.parse("in IN (1) OR NOT in = 2", schema: schema)
            == .or(.isIn("in", [.int32(1)]), .not(.equal("in", .int32(2)))))
        #expect(throws: ColumnarError.self) { try FilterPredicate.parse("Date = '1970-01-01'", schema: schema) }
    }

    @Test func columnsNamesEveryMentionedColumn() throws {
        let p = try parse("id = 1 AND (name IS NULL OR NOT \"order id\" IN (1, 2))")
        #expect(p.columns == ["id", "name", "order id"])
    }

    static let allColumns = "id, amount, name, qty, price, day, ts, flag, uid, raw, tags, order id, f, local"

    @Test("errors name the position and what was expected", arguments: [
        ("amout = 1", "filter: unknown column 'amout' at position 1 (columns: \(allColumns))"),
        ("id > 5 AND amount >=", "filter: expected a value after '>=' at position 21"),
        ("amount >= AND", "filter: expected a value after '>=' at position 11, found 'AND'"),
        ("", "filter: expected a column name at position 1"),
        ("   ", "filter: expected a column name at position 4"),
        ("AND = 1", "filter: expected a column name at position 1, found 'AND'"),
        ("5 = id", "filter: expected a column name at position 1, found '5'"),
        ("id = 1 AND", "filter: expected a column name at position 11"),
        ("id 5", "filter: expected an operator (=, !=, <, <=, >, >=, IS, IN, BETWEEN) after 'id' at position 4, found '5'"),
        ("id", "filter: expected an operator (=, !=, <, <=, >, >=, IS, IN, BETWEEN) after 'id' at position 3"),
        ("(id = 1", "filter: expected ')' at position 8 to close the '(' at position 1"),
        ("id = 1)", "filter: expected AND, OR or the end at position 7, found ')'"),
        ("id = 1 name = 'x'", "filter: expected AND, OR or the end at position 8, found 'name'"),
        ("name = 'abc", "filter: unterminated string starting at position 8"),
        ("\"name = 1", "filter: unterminated quoted column name starting at position 1"),
        ("id = 1 # x", "filter: unexpected character '#' at position 8"),
        ("id ! 1", "filter: unexpected character '!' at position 4; did you mean '!='?"),
        ("name = NULL", "filter: NULL can only be tested with IS NULL or IS NOT NULL at position 8"),
        ("qty IN (1, null)", "filter: NULL can only be tested with IS NULL or IS NOT NULL at position 12"),
        ("name IS 5", "filter: expected NULL or NOT NULL after 'IS' at position 9, found '5'"),
        ("name IS NOT 5", "filter: expected NULL after 'IS NOT' at position 13, found '5'"),
        ("id IN 1", "filter: expected '(' after 'IN' at position 7, found '1'"),
        ("id IN (1 2)", "filter: expected ',' or ')' in the IN list at position 10, found '2'"),
        ("id IN ()", "filter: expected a value after 'IN (' at position 8, found ')'"),
        ("id IN (1,)", "filter: expected a value after ',' at position 10, found ')'"),
        ("id BETWEEN 1 OR 2", "filter: expected AND after the BETWEEN lower bound at position 14, found 'OR'"),
        ("id BETWEEN 1 AND", "filter: expected a value after 'AND' at position 17"),
        ("id NOT LIKE 1", "filter: expected IN or BETWEEN after 'NOT' at position 8, found 'LIKE'"),
        ("id = 'abc'", "filter: column 'id' is int64 and cannot be compared with 'abc' at position 6"),
        ("name = 5", "filter: column 'name' is string and cannot be compared with 5 at position 8"),
        ("flag = 1", "filter: column 'flag' is boolean and cannot be compared with 1 at position 8"),
        ("id = TRUE", "filter: column 'id' is int64 and cannot be compared with TRUE at position 6"),
        ("day = TIMESTAMP '2026-01-01T00:00:00Z'",
         "filter: column 'day' is date and cannot be compared with TIMESTAMP '2026-01-01T00:00:00Z' at position 7"),
        ("ts > TIMESTAMP '2026-13-01T00:00:00Z'",
         "filter: invalid timestamp TIMESTAMP '2026-13-01T00:00:00Z' at position 6 (expected e.g. 2026-01-01T00:00:00Z)"),
        ("ts > '2026-01-01T24:00:00Z'",
         "filter: invalid timestamp '2026-01-01T24:00:00Z' at position 6 (expected e.g. 2026-01-01T00:00:00Z)"),
        ("ts > '2026-01-01T00:00:00Zulu'",
         "filter: invalid timestamp '2026-01-01T00:00:00Zulu' at position 6 (expected e.g. 2026-01-01T00:00:00Z)"),
        ("ts > TIMESTAMP 5", "filter: expected a quoted timestamp after 'TIMESTAMP' at position 16, found '5'"),
        ("day = DATE '2026-02-30'", "filter: invalid date DATE '2026-02-30' at position 7 (expected YYYY-MM-DD)"),
        ("day = '2023-02-29'", "filter: invalid date '2023-02-29' at position 7 (expected YYYY-MM-DD)"),
        ("id = 1.2.3", "filter: invalid number '1.2.3' at position 6"),
        ("id = 12abc", "filter: invalid number '12abc' at position 6"),
        ("amount = 1e", "filter: invalid number '1e' at position 10"),
        ("tags = 'a'", "filter: column 'tags' is list<string>; a list can only be tested with IS [NOT] NULL (at position 8)"),
        ("uid = 'nope'",
         "filter: invalid UUID 'nope' at position 7 (expected e.g. '123e4567-e89b-12d3-a456-426614174000')"),
        ("name = 'é' AND x = 1", "filter: unknown column 'x' at position 16 (columns: \(allColumns))"),
        ("order id = 1", "filter: unknown column 'order' at position 1 (columns: \(allColumns))"),
    ])
    func error(text: String, message: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let e = error as? ColumnarError else { return false }
            #expect(e.kind == .invalidFilter)
            #expect(e.message == message)
            // The position property is the one the message names.
            let named = message.range(of: #"position (\d+)"#, options: .regularExpression).map { Int(message[$0].dropFirst(9)) }
            #expect(e.position != nil && e.position == named ?? nil)
            return e.kind == .invalidFilter && e.message == message
        }
    }
}
