import Testing
@testable import Governance

@Suite("Policy expression language")
struct ExpressionTests {
    static let vars: [String: ExpressionValue] = [
        "product": .map([
            "id": .string("payments.transactions"), "tags": .list([.string("payments"), .string("training-data")]),
            "pii": .bool(true), "rows": .int(1500),
            "sla": .map(["latency_hours": .double(4), "retention_days": .double(365)]),
            "columns": .list([
                .map(["name": .string("id"), "pii": .bool(false), "purposes": .list([])]),
                .map(["name": .string("email"), "pii": .bool(true), "purposes": .list([.string("support")])]),
            ]),
        ]),
    ]

    @Test("expressions evaluate to the expected value", arguments: [
        ("1 + 2 * 3", ExpressionValue.int(7)),
        ("(1 + 2) * 3", .int(9)),
        ("7 / 2", .int(3)),
        ("7 % 4", .int(3)),
        ("7.0 / 2", .double(3.5)),
        ("-3 + 1", .int(-2)),
        ("'a' + 'b'", .string("ab")),
        ("[1, 2] + [3]", .list([.int(1), .int(2), .int(3)])),
        ("1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3", .bool(true)),
        ("1 == 1.0", .bool(true)),
        ("'x' != 'y'", .bool(true)),
        ("!true || false", .bool(false)),
        ("true ? 'yes' : 'no'", .string("yes")),
        ("'training-data' in product.tags", .bool(true)),
        ("'sla' in product", .bool(true)),
        ("'ment' in 'payments'", .bool(true)),
        ("product.sla.latency_hours <= 6", .bool(true)),
        ("product.missing == null", .bool(true)),
        ("product.columns[1].name", .string("email")),
        ("size(product.columns)", .int(2)),
        ("size('abc')", .int(3)),
        ("product.columns.exists(c, c.pii)", .bool(true)),
        ("product.columns.all(c, !c.pii || size(c.purposes) > 0)", .bool(true)),
        ("product.columns.filter(c, c.pii).map(c, c.name)", .list([.string("email")])),
        ("matches(product.id, '^[a-z]+\\\\.[a-z_]+$')", .bool(true)),
        ("startsWith(product.id, 'pay') && endsWith(product.id, 'tions') && contains(product.id, '.')", .bool(true)),
        ("lower('ABC')", .string("abc")),
        ("has(product.sla, 'latency_hours') && !has(product.sla, 'x')", .bool(true)),
        ("int('42') + int(2.9)", .int(44)),
        ("double(1) / 4", .double(0.25)),
        ("string(12)", .string("12")),
        ("product.rows > 1000 && product.pii", .bool(true)),
        ("false && 1 / 0 == 1", .bool(false)),
    ])
    func evaluates(source: String, expected: ExpressionValue) throws {
        let value = try Expression(source).evaluate(Self.vars)
        #expect(ExpressionEvaluator.equal(value, expected) || value == expected, "\(source) gave \(value)")
    }

    @Test("parse errors name the position", arguments: [
        "1 +", "(1", "foo(1)", "a.b(", "1 2", "'unterminated", "a # b", "x.each(c, true)", "[1, 2",
    ])
    func parseErrors(source: String) {
        #expect(throws: GovernanceError.self) { try Expression(source) }
    }

    @Test("type errors and unknown names fail at evaluation", arguments: [
        "unknown > 1", "'a' < 1", "1 / 0", "product.tags.all(t, 1)", "size(true)", "product.columns[5]", "-'a'", "1 ? 2 : 3",
        "product.id.name", "int('x')",
    ])
    func evaluationErrors(source: String) throws {
        let expression = try Expression(source)
        #expect(throws: GovernanceError.self) { try expression.evaluate(Self.vars) }
    }

    @Test("a non-bool result is not a rule outcome")
    func nonBool() throws {
        #expect(throws: GovernanceError.self) { try Expression("1 + 1").isTrue(Self.vars) }
    }

    @Test("evaluation stops at its step budget")
    func budget() throws {
        // 200 x 200 nested iterations exceed a small budget instead of running on.
        var items: [ExpressionValue] = []
        for i in 0..<200 { items.append(.int(i)) }
        let vars: [String: ExpressionValue] = ["xs": .list(items)]
        let expression = try Expression("xs.all(a, xs.all(b, a + b >= 0))")
        do {
            _ = try expression.evaluate(vars, budget: 10_000)
            Issue.record("expected the budget to run out")
        } catch let error as GovernanceError {
            #expect(error.kind == .evaluationLimit)
        }
        #expect(try expression.isTrue(vars, budget: 1_000_000))
    }

    @Test("nesting and length are bounded")
    func limits() {
        let deep = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(throws: GovernanceError.self) { try Expression(deep) }
        let long = Array(repeating: "1", count: 3000).joined(separator: "+")
        #expect(throws: GovernanceError.self) { try Expression(long) }
    }
}
