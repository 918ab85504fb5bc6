import Foundation
import TextFormats

/// A JSON value with ordered object keys, for `--json` output that reads well and diffs stably.
indirect enum JSON {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    /// A JSON text fragment produced elsewhere (e.g. a cell formatted by `ValueFormatter`).
    case raw(String)
    case array([JSON])
    case object([(String, JSON)])

    /// Serialises with two-space indentation.
    func rendered(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closePad = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? "\(d)" : "\"\(d)\""
        case .string(let s): out += JSON.quote(s)
        case .raw(let r): out += r
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += pad + JSON.quote(k) + ": "
                v.write(into: &out, indent: indent + 1)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += closePad + "}"
        }
    }

    /// `s` as a quoted, escaped JSON string (the mesh's one JSON string writer).
    static func quote(_ s: String) -> String {
        var bytes: [UInt8] = []
        ValueFormatter.appendJSONString(s, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSON {
    /// `.string` or `.null`.
    static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }
    /// `.int` or `.null`.
    static func optional<I: BinaryInteger>(_ i: I?) -> JSON { i.map { JSON.int(Int64($0)) } ?? .null }
}
