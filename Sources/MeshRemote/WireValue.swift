import Foundation
import Mesh

/// A JSON request body's value: the few shapes the mesh API's bodies use.
enum WireValue: Encodable, Sendable {
    case string(String)
    case int(Int64)
    case bool(Bool)
    case strings([String])
    case date(Date)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .int(let n): try container.encode(n)
        case .bool(let b): try container.encode(b)
        case .strings(let list): try container.encode(list)
        case .date(let d): try container.encode(d)
        }
    }

    /// The members of a body, without the absent optional ones.
    static func object(_ members: [(String, WireValue?)]) -> [String: WireValue] {
        var object: [String: WireValue] = [:]
        for (name, value) in members { if let value { object[name] = value } }
        return object
    }

    /// The encoder of the API's wire format: ISO-8601 dates, sorted keys.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The decoder of the API's wire format: ISO-8601 dates.
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// Encodes a body.
    static func encode(_ body: [String: WireValue]) throws(MeshError) -> Data {
        do { return try encoder.encode(body) } catch { throw MeshError(.invalidInput, "cannot encode the request: \(error)") }
    }
}
