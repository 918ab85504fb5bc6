import Foundation

/// Evaluates ``Expression`` trees under a step budget.
struct ExpressionEvaluator {
    static let functions: Set<String> = ["size", "matches", "startsWith", "endsWith", "contains", "lower", "has", "int", "double", "string"]

    var steps = 0
    let budget: Int
    var scopes: [[String: ExpressionValue]]

    init(variables: [String: ExpressionValue], budget: Int) {
        self.budget = budget
        scopes = [variables]
    }

    mutating func evaluate(_ node: Expression.Node) throws -> ExpressionValue {
        steps += 1
        if steps > budget {
            throw GovernanceError(.evaluationLimit, "expression exceeded its budget of \(budget) evaluation steps")
        }
        switch node {
        case .literal(let v): return v
        case .identifier(let name):
            for scope in scopes.reversed() { if let v = scope[name] { return v } }
            throw GovernanceError(.invalidExpression, "unknown name '\(name)'")
        case .list(let items): return .list(try items.map { try evaluate($0) })
        case .member(let target, let name):
            let value = try evaluate(target)
            switch value {
            case .map(let m): return m[name] ?? .null
            case .null: return .null
            default: throw GovernanceError(.invalidExpression, "cannot read field '\(name)' of a \(value.typeName)")
            }
        case .index(let target, let index):
            let container = try evaluate(target), key = try evaluate(index)
            switch (container, key) {
            case (.list(let items), .int(let i)):
                guard items.indices.contains(i) else { throw GovernanceError(.invalidExpression, "index \(i) is out of range (size \(items.count))") }
                return items[i]
            case (.map(let m), .string(let k)): return m[k] ?? .null
            default: throw GovernanceError(.invalidExpression, "cannot index a \(container.typeName) with a \(key.typeName)")
            }
        case .unary(let op, let operand):
            let v = try evaluate(operand)
            switch (op, v) {
            case ("!", .bool(let b)): return .bool(!b)
            case ("-", .int(let i)): return .int(-i)
            case ("-", .double(let d)): return .double(-d)
            default: throw GovernanceError(.invalidExpression, "'\(op)' does not apply to a \(v.typeName)")
            }
        case .binary(let op, let l, let r):
            return try binary(op, l, r)
        case .conditional(let c, let a, let b):
            guard case .bool(let flag) = try evaluate(c) else { throw GovernanceError(.invalidExpression, "the condition of '?' must be a bool") }
            return try evaluate(flag ? a : b)
        case .call(let name, let args):
            return try call(name, try args.map { try evaluate($0) })
        case .macro(let target, let name, let variable, let body):
            guard case .list(let items) = try evaluate(target) else {
                throw GovernanceError(.invalidExpression, "\(name)(…) needs a list")
            }
            var results: [ExpressionValue] = []
            for item in items {
                scopes.append([variable: item])
                defer { scopes.removeLast() }
                let v = try evaluate(body)
                switch name {
                case "map": results.append(v)
                default:
                    guard case .bool(let b) = v else { throw GovernanceError(.invalidExpression, "the body of \(name)(…) must be a bool") }
                    if name == "exists", b { return .bool(true) }
                    if name == "all", !b { return .bool(false) }
                    if name == "filter", b { results.append(item) }
                }
            }
            switch name {
            case "exists": return .bool(false)
            case "all": return .bool(true)
            default: return .list(results)
            }
        }
    }

    private mutating func binary(_ op: String, _ l: Expression.Node, _ r: Expression.Node) throws -> ExpressionValue {
        if op == "&&" || op == "||" {
            guard case .bool(let a) = try evaluate(l) else { throw GovernanceError(.invalidExpression, "'\(op)' needs bools") }
            if op == "&&", !a { return .bool(false) }
            if op == "||", a { return .bool(true) }
            guard case .bool(let b) = try evaluate(r) else { throw GovernanceError(.invalidExpression, "'\(op)' needs bools") }
            return .bool(b)
        }
        let a = try evaluate(l), b = try evaluate(r)
        switch op {
        case "==": return .bool(Self.equal(a, b))
        case "!=": return .bool(!Self.equal(a, b))
        case "<", "<=", ">", ">=":
            let order: Int
            if let x = a.number, let y = b.number { order = x < y ? -1 : x > y ? 1 : 0 }
            else if case .string(let x) = a, case .string(let y) = b { order = x < y ? -1 : x > y ? 1 : 0 }
            else { throw GovernanceError(.invalidExpression, "cannot compare a \(a.typeName) with a \(b.typeName) using '\(op)'") }
            switch op {
            case "<": return .bool(order < 0)
            case "<=": return .bool(order <= 0)
            case ">": return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case "in":
            switch b {
            case .list(let items): return .bool(items.contains { Self.equal($0, a) })
            case .map(let m):
                guard case .string(let k) = a else { return .bool(false) }
                return .bool(m[k] != nil)
            case .string(let s):
                guard case .string(let sub) = a else { throw GovernanceError(.invalidExpression, "'in' on a string needs a string") }
                return .bool(s.contains(sub))
            default: throw GovernanceError(.invalidExpression, "'in' needs a list, map or string on its right, not a \(b.typeName)")
            }
        case "+":
            switch (a, b) {
            case (.int(let x), .int(let y)):
                let (sum, overflow) = x.addingReportingOverflow(y)
                return overflow ? .double(Double(x) + Double(y)) : .int(sum)
            case (.string(let x), .string(let y)):
                guard x.count + y.count <= 65_536 else { throw GovernanceError(.evaluationLimit, "string result too long") }
                return .string(x + y)
            case (.list(let x), .list(let y)):
                guard x.count + y.count <= 65_536 else { throw GovernanceError(.evaluationLimit, "list result too long") }
                return .list(x + y)
            default:
                if let x = a.number, let y = b.number { return .double(x + y) }
            }
        case "-", "*", "/", "%":
            if case .int(let x) = a, case .int(let y) = b {
                switch op {
                case "-": let (v, o) = x.subtractingReportingOverflow(y); return o ? .double(Double(x) - Double(y)) : .int(v)
                case "*": let (v, o) = x.multipliedReportingOverflow(by: y); return o ? .double(Double(x) * Double(y)) : .int(v)
                case "/": guard y != 0 else { throw GovernanceError(.invalidExpression, "division by zero") }; return .int(x / y)
                default: guard y != 0 else { throw GovernanceError(.invalidExpression, "division by zero") }; return .int(x % y)
                }
            }
            if let x = a.number, let y = b.number {
                switch op {
                case "-": return .double(x - y)
                case "*": return .double(x * y)
                case "/": return .double(x / y)
                default: return .double(x.truncatingRemainder(dividingBy: y))
                }
            }
        default: break
        }
        throw GovernanceError(.invalidExpression, "'\(op)' does not apply to a \(a.typeName) and a \(b.typeName)")
    }

    private func call(_ name: String, _ args: [ExpressionValue]) throws -> ExpressionValue {
        func arity(_ n: Int) throws {
            if args.count != n { throw GovernanceError(.invalidExpression, "\(name)() takes \(n) argument(s), got \(args.count)") }
        }
        func strings() throws -> (String, String) {
            try arity(2)
            guard case .string(let a) = args[0], case .string(let b) = args[1] else {
                throw GovernanceError(.invalidExpression, "\(name)() needs two strings")
            }
            return (a, b)
        }
        switch name {
        case "size":
            try arity(1)
            switch args[0] {
            case .list(let l): return .int(l.count)
            case .map(let m): return .int(m.count)
            case .string(let s): return .int(s.count)
            case .null: return .int(0)
            default: throw GovernanceError(.invalidExpression, "size() of a \(args[0].typeName)")
            }
        case "matches":
            let (s, pattern) = try strings()
            guard let re = try? NSRegularExpression(pattern: pattern) else {
                throw GovernanceError(.invalidExpression, "'\(pattern)' is not a valid regular expression")
            }
            return .bool(re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        case "startsWith": let (s, p) = try strings(); return .bool(s.hasPrefix(p))
        case "endsWith": let (s, p) = try strings(); return .bool(s.hasSuffix(p))
        case "contains": let (s, p) = try strings(); return .bool(s.contains(p))
        case "lower":
            try arity(1)
            guard case .string(let s) = args[0] else { throw GovernanceError(.invalidExpression, "lower() needs a string") }
            return .string(s.lowercased())
        case "has":
            try arity(2)
            guard case .map(let m) = args[0], case .string(let k) = args[1] else { return .bool(false) }
            return .bool(m[k] != nil && m[k] != .null)
        case "int":
            try arity(1)
            switch args[0] {
            case .int: return args[0]
            case .double(let d) where d.isFinite && abs(d) < 9e18: return .int(Int(d))
            case .string(let s): if let i = Int(s) { return .int(i) }
            default: break
            }
            throw GovernanceError(.invalidExpression, "int() cannot convert \(args[0])")
        case "double":
            try arity(1)
            if let n = args[0].number { return .double(n) }
            if case .string(let s) = args[0], let d = Double(s) { return .double(d) }
            throw GovernanceError(.invalidExpression, "double() cannot convert \(args[0])")
        case "string":
            try arity(1)
            if case .string = args[0] { return args[0] }
            return .string(args[0].description)
        default:
            throw GovernanceError(.invalidExpression, "unknown function '\(name)'")
        }
    }

    static func equal(_ a: ExpressionValue, _ b: ExpressionValue) -> Bool {
        if let x = a.number, let y = b.number { return x == y }
        return a == b
    }
}

extension Expression {
    /// The default step budget: enough for any realistic policy, small enough to bound time.
    public static let defaultBudget = 100_000

    /// Evaluates the expression with the given variables.
    ///
    /// - Throws: ``GovernanceError`` (`.invalidExpression` for type errors and unknown names,
    ///   `.evaluationLimit` when the step budget runs out).
    public func evaluate(_ variables: [String: ExpressionValue], budget: Int = Expression.defaultBudget) throws -> ExpressionValue {
        var evaluator = ExpressionEvaluator(variables: variables, budget: budget)
        return try evaluator.evaluate(root)
    }

    /// Evaluates an expression that must give a bool.
    public func isTrue(_ variables: [String: ExpressionValue], budget: Int = Expression.defaultBudget) throws -> Bool {
        let value = try evaluate(variables, budget: budget)
        guard case .bool(let b) = value else {
            throw GovernanceError(.invalidExpression, "'\(source)' gave \(value.typeName) \(value), not a bool")
        }
        return b
    }
}
