/// A parsed JSON value whose texts live in a parser's arena (see ``JSONParser``).
indirect enum JSONNode: Sendable {
    case null
    case bool(Bool)
    /// A number's source text; `integer` when it has no fraction or exponent.
    case number(Range<Int>, integer: Bool)
    /// A string's decoded UTF-8 bytes.
    case string(Range<Int>)
    case array([JSONNode])
    /// An object's source text (nested objects are kept as JSON text).
    case object(Range<Int>)
}

/// A malformed-JSON failure at a byte index of the line.
struct JSONSyntaxError: Error {
    var message: String
    var index: Int
}

/// A small JSON parser over the bytes of one line. Strings are decoded (escapes, surrogate
/// pairs) into ``arena``; numbers and nested objects are copied there verbatim.
struct JSONParser {
    let text: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Decoded strings, number texts and raw nested objects.
    var arena: [UInt8] = []
    static let maximumDepth = 64

    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        arena.reserveCapacity(text.count)
    }

    private func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, index: index) }

    @inline(__always) mutating func skipSpace() {
        while index < text.count {
            let c = text[index]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
            index += 1
        }
    }

    /// Parses a top-level object, calling `member(keyRange, value)` for each member in order.
    mutating func parseObject(_ member: (Range<Int>, JSONNode, UnsafeBufferPointer<UInt8>) throws(TextFormatError) -> Void) throws -> Void {
        skipSpace()
        guard index < text.count, text[index] == UInt8(ascii: "{") else {
            throw fail("expected a JSON object ('{') at the start of the line")
        }
        index += 1
        skipSpace()
        if index < text.count, text[index] == UInt8(ascii: "}") { index += 1; try expectEnd(); return }
        while true {
            skipSpace()
            guard index < text.count, text[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            let key = try parseString()
            skipSpace()
            guard index < text.count, text[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
            index += 1
            let value = try parseValue(depth: 1)
            try arena.withUnsafeBufferPointer { (a) throws(TextFormatError) in try member(key, value, a) }
            skipSpace()
            guard index < text.count else { throw fail("unexpected end of line inside an object") }
            if text[index] == UInt8(ascii: ",") { index += 1; continue }
            if text[index] == UInt8(ascii: "}") { index += 1; break }
            throw fail("expected ',' or '}' after a value")
        }
        try expectEnd()
    }

    /// Parses a whole text as one JSON value (used for list cells in CSV).
    mutating func parseDocument() throws -> JSONNode {
        let v = try parseValue(depth: 0)
        try expectEnd()
        return v
    }

    private mutating func expectEnd() throws {
        skipSpace()
        if index < text.count { throw fail("unexpected text after the JSON value") }
    }

    mutating func parseValue(depth: Int) throws -> JSONNode {
        skipSpace()
        guard index < text.count else { throw fail("unexpected end of line, expected a value") }
        switch text[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"):
            let start = index
            try skipObject(depth: depth + 1)
            let lower = arena.count
            arena.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
            return .object(lower..<arena.count)
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw fail("arrays nested more than \(Self.maximumDepth) deep") }
            index += 1
            var items: [JSONNode] = []
            skipSpace()
            if index < text.count, text[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            while true {
                items.append(try parseValue(depth: depth + 1))
                skipSpace()
                guard index < text.count else { throw fail("unexpected end of line inside an array") }
                if text[index] == UInt8(ascii: ",") { index += 1; continue }
                if text[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw fail("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), 48...57: return try parseNumber()
        default: throw fail("unexpected character '\(String(decoding: [text[index]], as: UTF8.self))'")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= text.count else { throw fail("invalid literal") }
        let p = word.utf8Start
        for k in 0..<count where text[index + k] != p[k] { throw fail("invalid literal") }
        index += count
    }

    private mutating func parseNumber() throws -> JSONNode {
        let start = index
        var integer = true
        if text[index] == UInt8(ascii: "-") { index += 1 }
        guard index < text.count, ScalarParser.isDigit(text[index]) else { throw fail("invalid number") }
        if text[index] == 48 {
            index += 1
        } else {
            while index < text.count, ScalarParser.isDigit(text[index]) { index += 1 }
        }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            integer = false
            index += 1
            guard index < text.count, ScalarParser.isDigit(text[index]) else { throw fail("invalid number: digits expected after '.'") }
            while index < text.count, ScalarParser.isDigit(text[index]) { index += 1 }
        }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            integer = false
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            guard index < text.count, ScalarParser.isDigit(text[index]) else { throw fail("invalid number: digits expected in the exponent") }
            while index < text.count, ScalarParser.isDigit(text[index]) { index += 1 }
        }
        let lower = arena.count
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
        return .number(lower..<arena.count, integer: integer)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= text.count else { throw fail("truncated \\u escape") }
        var v: UInt32 = 0
        for k in 0..<4 {
            guard let h = ScalarParser.hexValue(text[index + k]) else { throw fail("invalid \\u escape") }
            v = v << 4 | UInt32(h)
        }
        index += 4
        return v
    }

    /// Parses a string at `index` (on its opening quote) into the arena.
    mutating func parseString() throws -> Range<Int> {
        index += 1
        let lower = arena.count
        while true {
            let runStart = index
            while index < text.count {
                let c = text[index]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") || c < 0x20 { break }
                index += 1
            }
            if index > runStart { arena.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index])) }
            guard index < text.count else { throw fail("unterminated string") }
            let c = text[index]
            if c == UInt8(ascii: "\"") { index += 1; return lower..<arena.count }
            if c < 0x20 { throw fail("control character in a string (must be escaped)") }
            index += 1
            guard index < text.count else { throw fail("unterminated string") }
            let e = text[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): arena.append(e)
            case UInt8(ascii: "b"): arena.append(0x08)
            case UInt8(ascii: "f"): arena.append(0x0C)
            case UInt8(ascii: "n"): arena.append(0x0A)
            case UInt8(ascii: "r"): arena.append(0x0D)
            case UInt8(ascii: "t"): arena.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard index + 6 <= text.count, text[index] == UInt8(ascii: "\\"), text[index + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard low >= 0xDC00 && low < 0xE000 else { throw fail("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw fail("unpaired surrogate in \\u escape")
                }
                arena.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default: throw fail("invalid escape '\\\(String(decoding: [e], as: UTF8.self))'")
            }
        }
    }

    /// Skips a nested object, validating its syntax.
    private mutating func skipObject(depth: Int) throws {
        guard depth < Self.maximumDepth else { throw fail("objects nested more than \(Self.maximumDepth) deep") }
        index += 1
        skipSpace()
        if index < text.count, text[index] == UInt8(ascii: "}") { index += 1; return }
        let mark = arena.count
        defer { arena.removeSubrange(mark...) }
        while true {
            skipSpace()
            guard index < text.count, text[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
            _ = try parseString()
            skipSpace()
            guard index < text.count, text[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
            index += 1
            _ = try parseValue(depth: depth)
            skipSpace()
            guard index < text.count else { throw fail("unexpected end of line inside an object") }
            if text[index] == UInt8(ascii: ",") { index += 1; continue }
            if text[index] == UInt8(ascii: "}") { index += 1; return }
            throw fail("expected ',' or '}' after a value")
        }
    }
}
