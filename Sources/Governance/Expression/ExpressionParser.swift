/// Recursive-descent parser for ``Expression`` with a nesting limit.
struct ExpressionParser {
    enum Token: Equatable {
        case number(Double, isInteger: Bool)
        case string(String)
        case identifier(String)
        case symbol(String)
        case end
    }

    private var tokens: [(Token, Int)] = []
    private var position = 0
    private var depth = 0
    private var lexError: GovernanceError?

    init(_ source: String) {
        do { tokens = try Self.lex(source) } catch let error as GovernanceError { lexError = error } catch {}
    }

    mutating func parseAll() throws -> Expression.Node {
        if let lexError { throw lexError }
        let node = try parseConditional()
        guard case .end = peek else { throw error("unexpected \(describe(peek))") }
        return node
    }

    // MARK: Grammar

    private mutating func parseConditional() throws -> Expression.Node {
        try enter()
        defer { depth -= 1 }
        let condition = try parseOr()
        if accept("?") {
            let a = try parseConditional()
            try expect(":")
            let b = try parseConditional()
            return .conditional(condition, a, b)
        }
        return condition
    }

    private mutating func parseOr() throws -> Expression.Node {
        var node = try parseAnd()
        while accept("||") { node = .binary("||", node, try parseAnd()) }
        return node
    }

    private mutating func parseAnd() throws -> Expression.Node {
        var node = try parseComparison()
        while accept("&&") { node = .binary("&&", node, try parseComparison()) }
        return node
    }

    private mutating func parseComparison() throws -> Expression.Node {
        var node = try parseAdditive()
        while true {
            if case .identifier("in") = peek {
                position += 1
                node = .binary("in", node, try parseAdditive())
                continue
            }
            guard let op = ["==", "!=", "<=", ">=", "<", ">"].first(where: { peek == .symbol($0) }) else { return node }
            position += 1
            node = .binary(op, node, try parseAdditive())
        }
    }

    private mutating func parseAdditive() throws -> Expression.Node {
        var node = try parseMultiplicative()
        while let op = ["+", "-"].first(where: { peek == .symbol($0) }) {
            position += 1
            node = .binary(op, node, try parseMultiplicative())
        }
        return node
    }

    private mutating func parseMultiplicative() throws -> Expression.Node {
        var node = try parseUnary()
        while let op = ["*", "/", "%"].first(where: { peek == .symbol($0) }) {
            position += 1
            node = .binary(op, node, try parseUnary())
        }
        return node
    }

    private mutating func parseUnary() throws -> Expression.Node {
        try enter()
        defer { depth -= 1 }
        if accept("!") { return .unary("!", try parseUnary()) }
        if accept("-") { return .unary("-", try parseUnary()) }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws -> Expression.Node {
        var node = try parsePrimary()
        while true {
            if accept(".") {
                guard case .identifier(let name) = peek else { throw error("expected a field name after '.'") }
                position += 1
                if accept("(") {
                    guard ["exists", "all", "filter", "map"].contains(name) else {
                        throw error("unknown method '\(name)'; list macros are exists, all, filter, map")
                    }
                    guard case .identifier(let variable) = peek else { throw error("expected a variable name in \(name)(…)") }
                    position += 1
                    try expect(",")
                    let body = try parseConditional()
                    try expect(")")
                    node = .macro(node, name, variable, body)
                } else {
                    node = .member(node, name)
                }
            } else if accept("[") {
                let index = try parseConditional()
                try expect("]")
                node = .index(node, index)
            } else {
                return node
            }
        }
    }

    private mutating func parsePrimary() throws -> Expression.Node {
        let token = peek
        position += 1
        switch token {
        case .number(let value, let isInteger):
            return .literal(isInteger && abs(value) < 9e18 ? .int(Int(value)) : .double(value))
        case .string(let s): return .literal(.string(s))
        case .identifier("true"): return .literal(.bool(true))
        case .identifier("false"): return .literal(.bool(false))
        case .identifier("null"): return .literal(.null)
        case .identifier(let name):
            if accept("(") {
                var args: [Expression.Node] = []
                if !accept(")") {
                    repeat { args.append(try parseConditional()) } while accept(",")
                    try expect(")")
                }
                guard ExpressionEvaluator.functions.contains(name) else { throw error("unknown function '\(name)'") }
                return .call(name, args)
            }
            return .identifier(name)
        case .symbol("("):
            let node = try parseConditional()
            try expect(")")
            return node
        case .symbol("["):
            var items: [Expression.Node] = []
            if !accept("]") {
                repeat { items.append(try parseConditional()) } while accept(",")
                try expect("]")
            }
            return .list(items)
        default:
            position -= 1
            throw error("unexpected \(describe(token))")
        }
    }

    // MARK: Helpers

    private var peek: Token { tokens[min(position, tokens.count - 1)].0 }

    private mutating func accept(_ symbol: String) -> Bool {
        if peek == .symbol(symbol) { position += 1; return true }
        return false
    }

    private mutating func expect(_ symbol: String) throws {
        guard accept(symbol) else { throw error("expected '\(symbol)' but found \(describe(peek))") }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Expression.maximumDepth { throw error("expression nests deeper than \(Expression.maximumDepth) levels") }
    }

    private func error(_ message: String) -> GovernanceError {
        let offset = tokens[min(position, tokens.count - 1)].1
        return GovernanceError(.invalidExpression, "\(message) at character \(offset + 1)")
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let v, _): return "number \(v)"
        case .string(let s): return "string '\(s)'"
        case .identifier(let s): return "'\(s)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    static func lex(_ source: String) throws -> [(Token, Int)] {
        let chars = Array(source)
        var out: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if c.isNumber {
                var text = ""
                var isInteger = true
                while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "_" || chars[i] == "e" || chars[i] == "E"
                        || ((chars[i] == "-" || chars[i] == "+") && (chars[i - 1] == "e" || chars[i - 1] == "E")) {
                    if chars[i] == "." {
                        // `1.foo` is not a number; stop before a member access.
                        if i + 1 < chars.count, !chars[i + 1].isNumber { break }
                        isInteger = false
                    }
                    if chars[i] == "e" || chars[i] == "E" { isInteger = false }
                    if chars[i] != "_" { text.append(chars[i]) }
                    i += 1
                }
                guard let value = Double(text) else {
                    throw GovernanceError(.invalidExpression, "bad number '\(text)' at character \(start + 1)")
                }
                out.append((.number(value, isInteger: isInteger), start))
            } else if c.isLetter || c == "_" {
                var text = ""
                while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { text.append(chars[i]); i += 1 }
                out.append((.identifier(text), start))
            } else if c == "'" || c == "\"" {
                var text = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == "\\", i + 1 < chars.count {
                        let e = chars[i + 1]
                        text.append(e == "n" ? "\n" : e == "t" ? "\t" : e)
                        i += 2
                        continue
                    }
                    if chars[i] == c { closed = true; i += 1; break }
                    text.append(chars[i])
                    i += 1
                }
                guard closed else { throw GovernanceError(.invalidExpression, "unterminated string at character \(start + 1)") }
                out.append((.string(text), start))
            } else {
                let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
                if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
                    out.append((.symbol(two), start))
                    i += 2
                } else if "+-*/%<>!()[].,?:".contains(c) {
                    out.append((.symbol(String(c)), start))
                    i += 1
                } else {
                    throw GovernanceError(.invalidExpression, "unexpected character '\(c)' at character \(start + 1)")
                }
            }
        }
        out.append((.end, chars.count))
        return out
    }
}
