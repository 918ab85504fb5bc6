import Catalog
import Foundation
import Hummingbird
import Mesh
import NIOPosix

/// What every JSON API route shares: run the service call off the event loop, decode the
/// request (body, path and query parameters) and encode the answer.
enum APIHandler {
    /// The most a JSON or YAML request body may hold (uploads stream instead).
    static let maxDocumentBytes = 16 << 20

    /// Runs the blocking service call `body` on NIO's thread pool, never on the event loop.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// The encoder of every JSON answer: ISO-8601 dates, sorted keys, unescaped slashes.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as a JSON answer.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder().encode(value))))
    }

    /// Runs `body` off the event loop and answers its result as JSON.
    static func respond<T: Encodable & Sendable>(status: HTTPResponse.Status = .ok, _ body: @escaping @Sendable () throws -> T) async throws -> Response {
        try json(try await run(body), status: status)
    }

    /// The request body as text (a contract, a policy bundle, a training-set spec).
    static func text(_ request: Request, what: String) async throws -> String {
        let buffer = try await collect(request)
        let text = String(buffer: buffer)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw MeshError(.invalidInput, "send the \(what) as the request body", context: "body")
        }
        return text
    }

    /// The request body decoded as `T` from JSON; a bad body is a 400 naming the field.
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer = try await collect(request)
        let decoder = JSONDecoder()
        // ISO-8601, failing with the field's path (Foundation's `.iso8601` loses it on Linux).
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO-8601 date such as 2026-12-31T00:00:00Z, not \(text)")
            }
            return date
        }
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    static func collect(_ request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: maxDocumentBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw MeshError(.tooLarge, "the request body is larger than \(maxDocumentBytes) bytes", context: "body")
        }
    }

    /// A decoding failure as a 400 naming the field.
    static func describe(_ error: DecodingError) -> MeshError {
        func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = path + (key.map { [$0] } ?? [])
            return keys.isEmpty ? "body" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let name = field(context.codingPath, key)
            return MeshError(.invalidInput, "the request body is missing the field \(name)", context: name)
        case .typeMismatch(let type, let context):
            let name = field(context.codingPath)
            return MeshError(.invalidInput, "the field \(name) must be \(expected(type)): \(context.debugDescription)", context: name)
        case .valueNotFound(let type, let context):
            let name = field(context.codingPath)
            return MeshError(.invalidInput, "the field \(name) must be \(expected(type)), not null", context: name)
        case .dataCorrupted(let context):
            let name = field(context.codingPath)
            return MeshError(.invalidInput, context.codingPath.isEmpty ? "the request body is not a JSON object: \(context.debugDescription)"
                                                                        : "the field \(name) is not valid: \(context.debugDescription)", context: name)
        @unknown default:
            return MeshError(.invalidInput, "the request body is not valid: \(error)", context: "body")
        }
    }

    static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Date.Type: "an ISO-8601 date"
        default: "\(type)".lowercased().hasPrefix("array") ? "an array" : "a \(type)"
        }
    }

    /// Path parameter `name`, percent-decoded.
    static func path(_ name: String, _ context: MeshRequestContext) throws(MeshError) -> String {
        try IcebergCatalogRoutes.parameter(name, context)
    }

    /// Path parameter `name` as a whole number.
    static func pathNumber(_ name: String, _ context: MeshRequestContext) throws(MeshError) -> Int64 {
        let text = try path(name, context)
        guard let number = Int64(text) else { throw MeshError(.invalidInput, "\(name) must be a whole number, not \(text)", context: name) }
        return number
    }

    /// Query parameter `name`, if given and not empty.
    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Query parameter `name`, required.
    static func requiredQuery(_ request: Request, _ name: String, _ hint: String) throws(MeshError) -> String {
        guard let value = query(request, name) else { throw MeshError(.invalidInput, "give \(hint) as ?\(name)=", context: name) }
        return value
    }

    /// Query parameter `name` as an ISO-8601 instant (`2026-12-07T10:00:00Z`, with or without
    /// fractional seconds, or a date `2026-12-07`, midnight UTC), if given.
    static func time(_ request: Request, _ name: String) throws(MeshError) -> Date? {
        guard let text = query(request, name) else { return nil }
        if let date = Timestamp.parse(text) { return date }
        throw MeshError(.invalidInput, "\(name) must be an ISO-8601 time such as 2026-12-07T10:00:00Z or a date such as 2026-12-07, not \(text)", context: name)
    }

    /// Query parameter `name` as a whole number ≥ 0, if given.
    static func number(_ request: Request, _ name: String) throws(MeshError) -> Int? {
        guard let text = query(request, name) else { return nil }
        guard let n = Int(text), n >= 0 else { throw MeshError(.invalidInput, "\(name) must be a whole number ≥ 0, not \(text)", context: name) }
        return n
    }

    /// Query parameter `name` as `true` / `false`, if given.
    static func flag(_ request: Request, _ name: String) throws(MeshError) -> Bool? {
        guard let text = query(request, name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw MeshError(.invalidInput, "\(name) must be true or false, not \(text)", context: name)
        }
    }

    /// Role names as roles; an unknown name is a 400 naming it.
    static func roles(_ names: [String], field: String = "roles") throws(MeshError) -> Set<Principal.Role> {
        var roles: Set<Principal.Role> = []
        for name in names {
            guard let role = Principal.Role(rawValue: name) else {
                throw MeshError(.invalidInput, "unknown role \(name) (one of \(Principal.Role.allCases.map(\.rawValue).joined(separator: ", ")))", context: field)
            }
            roles.insert(role)
        }
        return roles
    }
}
