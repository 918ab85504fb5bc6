extension FilterPredicate {
    /// Parses the mesh's filter language against `schema`.
    ///
    /// The language: a column compared with a literal (`=`, `!=` or `<>`, `<`, `<=`, `>`, `>=`),
    /// `IS [NOT] NULL`, `[NOT] IN (…)`, `[NOT] BETWEEN … AND …`, combined with `NOT`, `AND`,
    /// `OR` (binding in that order, tightest first) and parentheses. Keywords are
    /// case-insensitive; column names are bare (`amount`) or double-quoted (`"order id"`,
    /// needed for names with other characters; a bare keyword such as `date` is a column name
    /// where the schema has a column of exactly that name). Literals: numbers
    /// (`42`, `-1.5`, `2e3`), `'strings'` (a quote is doubled: `'it''s'`), `TRUE`, `FALSE`,
    /// `DATE '2026-01-01'`, `TIMESTAMP '2026-01-01T00:00:00Z'` (zone optional; without one the
    /// time is read as UTC). Each literal is converted to its column's type exactly: a string
    /// is also accepted for uuid, date and timestamp columns.
    ///
    /// - Throws: ``ColumnarError`` of kind ``ColumnarError/Kind/invalidFilter`` whose message
    ///   names the 1-based character position and what was expected there.
    public static func parse(_ text: String, schema: Schema) throws(ColumnarError) -> FilterPredicate {
        var parser = FilterParser(tokens: try FilterLexer.tokenize(text), schema: schema)
        return try parser.parseAll()
    }
}

/// A recursive-descent parser over ``FilterToken``s.
struct FilterParser {
    let tokens: [FilterToken]
    let schema: Schema
    var index = 0

    init(tokens: [FilterToken], schema: Schema) {
        self.tokens = tokens
        self.schema = schema
    }

    var current: FilterToken { tokens[index] }

    mutating func advance() -> FilterToken {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    func fail(_ message: String, position: Int) -> ColumnarError {
        ColumnarError(.invalidFilter, "filter: " + message, position: position)
    }

    /// `, found X` for a message, or nothing at the end of the text.
    func found(_ t: FilterToken) -> String {
        if case .end = t.kind { return "" }
        return ", found '\(t.text)'"
    }

    mutating func parseAll() throws(ColumnarError) -> FilterPredicate {
        let p = try parseOr()
        guard case .end = current.kind else {
            throw fail("expected AND, OR or the end at position \(current.position)\(found(current))", position: current.position)
        }
        return p
    }

    mutating func parseOr() throws(ColumnarError) -> FilterPredicate {
        var left = try parseAnd()
        while current.isKeyword("OR") {
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws(ColumnarError) -> FilterPredicate {
        var left = try parseNot()
        while current.isKeyword("AND") {
            _ = advance()
            left = .and(left, try parseNot())
        }
        return left
    }

    mutating func parseNot() throws(ColumnarError) -> FilterPredicate {
        if current.isKeyword("NOT") {
            _ = advance()
            return .not(try parseNot())
        }
        if case .openParen = current.kind {
            let open = advance()
            let inner = try parseOr()
            guard case .closeParen = current.kind else {
                throw fail("expected ')' at position \(current.position) to close the '(' at position \(open.position)\(found(current))", position: current.position)
            }
            _ = advance()
            return inner
        }
        return try parseComparison()
    }

    static let keywords: Set<String> = ["AND", "OR", "NOT", "IS", "NULL", "IN", "BETWEEN", "TRUE", "FALSE", "TIMESTAMP", "DATE"]

    mutating func parseColumn() throws(ColumnarError) -> (Field, FilterToken) {
        let t = current
        let name: String
        switch t.kind {
        case .quotedName(let n): name = n
        // A keyword is still a column name where the schema has a column of exactly that name
        // (say `date` or `timestamp`): a literal can never stand here.
        case .word(let w) where !Self.keywords.contains(w.uppercased()) || schema.field(named: w) != nil: name = w
        default: throw fail("expected a column name at position \(t.position)\(found(t))", position: t.position)
        }
        guard let field = schema.field(named: name) else {
            throw fail("unknown column '\(name)' at position \(t.position) (columns: \(schema.names.joined(separator: ", ")))", position: t.position)
        }
        _ = advance()
        return (field, t)
    }

    mutating func parseComparison() throws(ColumnarError) -> FilterPredicate {
        let (field, nameToken) = try parseColumn()
        let name = field.name
        let op = current
        switch op.kind {
        case .comparison(let symbol):
            _ = advance()
            let value = try parseLiteral(for: field, after: "'\(symbol)'")
            switch symbol {
            case "=": return .equal(name, value)
            case "!=", "<>": return .notEqual(name, value)
            case "<": return .lessThan(name, value)
            case "<=": return .lessThanOrEqual(name, value)
            case ">": return .greaterThan(name, value)
            default: return .greaterThanOrEqual(name, value)
            }
        case .word(let w):
            switch w.uppercased() {
            case "IS":
                _ = advance()
                let negated = current.isKeyword("NOT")
                if negated { _ = advance() }
                guard current.isKeyword("NULL") else {
                    throw fail("expected \(negated ? "NULL" : "NULL or NOT NULL") after '\(negated ? "IS NOT" : "IS")' at position \(current.position)\(found(current))", position: current.position)
                }
                _ = advance()
                return negated ? .isNotNull(name) : .isNull(name)
            case "NOT":
                _ = advance()
                guard current.isKeyword("IN") || current.isKeyword("BETWEEN") else {
                    throw fail("expected IN or BETWEEN after 'NOT' at position \(current.position)\(found(current))", position: current.position)
                }
                return .not(try parseSetOrRange(field))
            case "IN", "BETWEEN":
                return try parseSetOrRange(field)
            default: break
            }
        default: break
        }
        throw fail("expected an operator (=, !=, <, <=, >, >=, IS, IN, BETWEEN) after '\(nameToken.text)' at position \(op.position)\(found(op))", position: op.position)
    }

    /// `IN (…)` or `BETWEEN … AND …`; the current token is IN or BETWEEN.
    mutating func parseSetOrRange(_ field: Field) throws(ColumnarError) -> FilterPredicate {
        if advance().isKeyword("IN") {
            guard case .openParen = current.kind else {
                throw fail("expected '(' after 'IN' at position \(current.position)\(found(current))", position: current.position)
            }
            _ = advance()
            var values: [Value] = []
            while true {
                values.append(try parseLiteral(for: field, after: values.isEmpty ? "'IN ('" : "','"))
                let t = advance()
                if case .closeParen = t.kind { break }
                guard case .comma = t.kind else {
                    throw fail("expected ',' or ')' in the IN list at position \(t.position)\(found(t))", position: t.position)
                }
            }
            return .isIn(field.name, values)
        }
        let low = try parseLiteral(for: field, after: "'BETWEEN'")
        guard current.isKeyword("AND") else {
            throw fail("expected AND after the BETWEEN lower bound at position \(current.position)\(found(current))", position: current.position)
        }
        _ = advance()
        let high = try parseLiteral(for: field, after: "'AND'")
        return .between(field.name, low, high)
    }

    /// Reads one literal and converts it to `field`'s type.
    mutating func parseLiteral(for field: Field, after previous: String) throws(ColumnarError) -> Value {
        let t = current
        let literal: FilterLiteral
        switch t.kind {
        case .number(let text): literal = .number(text)
        case .string(let text): literal = .string(text)
        case .word(let w):
            switch w.uppercased() {
            case "TRUE": literal = .boolean(true)
            case "FALSE": literal = .boolean(false)
            case "NULL":
                throw fail("NULL can only be tested with IS NULL or IS NOT NULL at position \(t.position)", position: t.position)
            case "TIMESTAMP", "DATE":
                let keyword = w.uppercased()
                _ = advance()
                guard case .string(let text) = current.kind else {
                    throw fail("expected a quoted \(keyword == "DATE" ? "date" : "timestamp") after '\(keyword)' at position \(current.position)\(found(current))", position: current.position)
                }
                literal = keyword == "DATE" ? .date(text) : .timestamp(text)
            default:
                throw fail("expected a value after \(previous) at position \(t.position)\(found(t))", position: t.position)
            }
        default:
            throw fail("expected a value after \(previous) at position \(t.position)\(found(t))", position: t.position)
        }
        let position = t.position
        let token = advance()
        let text = literal.isKeywordPrefixed ? t.text + " " + token.text : t.text
        return try literal.value(for: field, text: text, position: position)
    }
}
