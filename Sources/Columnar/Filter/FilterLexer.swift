/// One lexical token of the filter language.
struct FilterToken: Sendable, Equatable {
    /// What the token is.
    enum Kind: Sendable, Equatable {
        /// A bare word: a column name or a keyword (compared case-insensitively).
        case word(String)
        /// A `"double-quoted"` column name.
        case quotedName(String)
        /// A `'single-quoted'` string.
        case string(String)
        /// A number, as written.
        case number(String)
        /// `=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`.
        case comparison(String)
        case openParen
        case closeParen
        case comma
        case end
    }

    let kind: Kind
    /// The 1-based character position of the token's first character.
    let position: Int
    /// The token as written (for messages).
    let text: String

    /// True when the token is the bare keyword `keyword` (case-insensitive).
    func isKeyword(_ keyword: String) -> Bool {
        if case .word(let w) = kind { return w.uppercased() == keyword }
        return false
    }
}

/// Splits filter text into tokens.
enum FilterLexer {
    static func tokenize(_ text: String) throws(ColumnarError) -> [FilterToken] {
        let chars = Array(text)
        var tokens: [FilterToken] = []
        var i = 0
        func fail(_ message: String, position: Int) -> ColumnarError {
            ColumnarError(.invalidFilter, "filter: " + message, position: position)
        }
        while i < chars.count {
            let c = chars[i]
            let start = i
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": tokens.append(FilterToken(kind: .openParen, position: i + 1, text: "(")); i += 1
            case ")": tokens.append(FilterToken(kind: .closeParen, position: i + 1, text: ")")); i += 1
            case ",": tokens.append(FilterToken(kind: .comma, position: i + 1, text: ",")); i += 1
            case "=", "<", ">", "!":
                var op = String(c)
                if i + 1 < chars.count, chars[i + 1] == "=" || (c == "<" && chars[i + 1] == ">") {
                    op.append(chars[i + 1])
                }
                if op == "!" { throw fail("unexpected character '!' at position \(i + 1); did you mean '!='?", position: i + 1) }
                tokens.append(FilterToken(kind: .comparison(op), position: i + 1, text: op))
                i += op.count
            case "'", "\"":
                var value = ""
                i += 1
                var closed = false
                while i < chars.count {
                    if chars[i] == c {
                        if i + 1 < chars.count && chars[i + 1] == c { value.append(c); i += 2; continue }
                        closed = true
                        i += 1
                        break
                    }
                    value.append(chars[i])
                    i += 1
                }
                guard closed else {
                    let what = c == "'" ? "string" : "quoted column name"
                    throw fail("unterminated \(what) starting at position \(start + 1)", position: start + 1)
                }
                let kind: FilterToken.Kind = c == "'" ? .string(value) : .quotedName(value)
                tokens.append(FilterToken(kind: kind, position: start + 1, text: String(chars[start..<i])))
            default:
                if c.isNumber || c == "." || (c == "-" && i + 1 < chars.count && (chars[i + 1].isNumber || chars[i + 1] == ".")) {
                    i += 1
                    while i < chars.count {
                        let d = chars[i]
                        if d.isNumber || d == "." || d.isLetter || d == "_" {
                            i += 1
                        } else if (d == "-" || d == "+") && (chars[i - 1] == "e" || chars[i - 1] == "E") {
                            i += 1
                        } else {
                            break
                        }
                    }
                    let text = String(chars[start..<i])
                    tokens.append(FilterToken(kind: .number(text), position: start + 1, text: text))
                } else if c.isLetter || c == "_" {
                    i += 1
                    while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "." { i += 1 }
                    let text = String(chars[start..<i])
                    tokens.append(FilterToken(kind: .word(text), position: start + 1, text: text))
                } else {
                    throw fail("unexpected character '\(c)' at position \(i + 1)", position: i + 1)
                }
            }
        }
        tokens.append(FilterToken(kind: .end, position: chars.count + 1, text: ""))
        return tokens
    }
}
