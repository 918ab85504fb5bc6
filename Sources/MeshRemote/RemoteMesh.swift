import Catalog
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mesh

/// The mesh operations sent to a mesh server's JSON API (`/api/v1`), acting as a token's principal.
///
/// Every answer decodes into the same value the service returns locally, and every error
/// answer back into the same ``MeshError`` (kind, message, context, details), so a command
/// prints the same lines against a server as against a directory.
public struct RemoteMesh: MeshOperations {
    /// The server's base address, e.g. `http://127.0.0.1:8080`.
    public let server: URL
    /// The API token sent as `Authorization: Bearer`.
    let token: String
    let exchange: HTTPExchange

    /// Creates a client of the server at `server` using `token`.
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` when `server` is not an http(s) address;
    ///   ``MeshError/Kind/unauthenticated`` when `token` is empty.
    public init(server text: String, token: String, timeout: TimeInterval = 600) throws(MeshError) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw MeshError(.invalidInput, "'\(text)' is not a server address; use http://HOST:PORT", context: "--server")
        }
        guard !token.isEmpty else {
            throw MeshError(.unauthenticated, "--server needs an API token in $MESH_TOKEN; create one with `mesh token create PRINCIPAL` on the server's mesh")
        }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        self.server = url
        self.token = token
        self.exchange = HTTPExchange(server: url, session: URLSession(configuration: configuration))
    }

    /// Sends `method path?query` with an optional JSON `body` and decodes the answer as `T`.
    func call<T: Decodable>(_ method: String, _ path: [String], query: [(String, String?)] = [], body: [String: WireValue]? = nil,
                            as type: T.Type = T.self) throws(MeshError) -> T {
        try call(method, path, query: query, data: try body.map(WireValue.encode), contentType: "application/json")
    }

    /// Sends `method path?query` with a raw `data` body of `contentType` and decodes the answer as `T`.
    func call<T: Decodable>(_ method: String, _ path: [String], query: [(String, String?)] = [], data: Data?, contentType: String,
                            as type: T.Type = T.self) throws(MeshError) -> T {
        var request = request(method, path, query: query)
        if let data {
            request.setValue(contentType, forHTTPHeaderField: "Content-Type")
            request.httpBody = data
        }
        return try decode(request, try exchange.send(request))
    }

    /// A request to `/api/v1/<path>?query` carrying the token.
    func request(_ method: String, _ path: [String], query: [(String, String?)]) -> URLRequest {
        var request = URLRequest(url: url(path, query: query))
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        return request
    }

    /// The answer to `request` decoded as `T`, or its error.
    func decode<T: Decodable>(_ request: URLRequest, _ answer: HTTPExchange.Answer) throws(MeshError) -> T {
        let method = request.httpMethod ?? "GET"
        guard (200..<300).contains(answer.status) else { throw ErrorAnswer.decode(answer, method: method, path: request.url?.path ?? "") }
        do {
            return try WireValue.decoder.decode(T.self, from: answer.body)
        } catch {
            throw MeshError(.unreachable, "the mesh server at \(server.absoluteString) answered \(method) \(request.url?.path ?? "") with JSON this client cannot read: \(error)")
        }
    }

    /// The address of `/api/v1/<path>?query`, each path segment percent-encoded.
    func url(_ path: [String], query: [(String, String?)]) -> URL {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#%")
        let encoded = path.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }
        var components = URLComponents(url: server, resolvingAgainstBaseURL: false)!
        components.percentEncodedPath = components.percentEncodedPath + "/api/v1/" + encoded.joined(separator: "/")
        let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty {
            components.queryItems = items
            // `+` is a space to most servers' form decoding; send it encoded.
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        return components.url!
    }
}
