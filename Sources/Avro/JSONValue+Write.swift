extension JSONValue {
    /// The JSON text, members in their stored order. `pretty` indents by two spaces.
    /// Non-finite doubles (not representable in JSON) are written as `null`.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0, separator: pretty ? "," : ", ", colon: ": ")
        return out
    }

    /// The JSON text without the spaces after `,` and `:`, for the wire.
    public func compactSerialized() -> String {
        var out = ""
        write(into: &out, pretty: false, indent: 0, separator: ",", colon: ":")
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int, separator: String, colon: String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if !d.isFinite {
                out += "null"
            } else if d.rounded() == d && abs(d) < 1e15 {
                out += String(Int64(d)) + ".0"
            } else {
                out += "\(d)"
            }
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "["
            for (i, e) in elements.enumerated() {
                if i > 0 { out += separator }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                e.write(into: &out, pretty: pretty, indent: indent + 1, separator: separator, colon: colon)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += separator }
                if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.writeString(m.key, into: &out)
                out += colon
                m.value.write(into: &out, pretty: pretty, indent: indent + 1, separator: separator, colon: colon)
            }
            if pretty { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        // Most strings (names, paths, numbers as text) need no escaping: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
