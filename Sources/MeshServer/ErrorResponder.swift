import Avro
import Foundation
import Hummingbird
import Mesh

/// Turns every error a route throws into a JSON answer with the right status.
///
/// The mesh API (`/api/…` and everything else) answers
/// `{"error": {"code", "message", "details"}}`; the Iceberg REST catalog (`/v1/…`) answers the
/// Iceberg spec's `ErrorModel`, `{"error": {"message", "type", "code"}}`, with the failed
/// checks or decisions appended to the message so an engine's exception shows them.
public struct ErrorResponder: RouterMiddleware {
    public typealias Context = MeshRequestContext

    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as MeshError {
            return Self.response(error, for: request)
        } catch let error as any HTTPResponseError {
            let status = Int(error.status.code)
            let message = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            let kind: MeshError.Kind = switch status {
            case 401: .unauthenticated
            case 403: .forbidden
            case 404: .notFound
            case 409: .conflict
            case 413: .tooLarge
            case 400..<500: .invalidInput
            default: .storage
            }
            let text = status == 404 ? "no route \(request.method.rawValue) \(request.uri.path)" : message
            return Self.response(MeshError(kind, text), for: request, status: status)
        } catch {
            context.logger.error("unexpected error: \(error)")
            return Self.response(MeshError(.storage, "internal error: \(error)"), for: request)
        }
    }

    /// The JSON answer for `error` on `request`'s route family.
    public static func response(_ error: MeshError, for request: Request, status: Int? = nil) -> Response {
        let code = status ?? error.httpStatus
        let body: JSONValue
        if request.uri.path.hasPrefix("/v1/") {
            let message = error.details.isEmpty ? error.message : error.message + ": " + error.details.joined(separator: "; ")
            body = .object([JSONMember("error", .object([
                JSONMember("message", .string(message)),
                JSONMember("type", .string(icebergType(code, error: error, path: request.uri.path, method: request.method))),
                JSONMember("code", .int(Int64(code))),
            ]))])
        } else {
            var members = [JSONMember("code", .string(error.kind.description)), JSONMember("message", .string(error.message))]
            if let context = error.context { members.append(JSONMember("context", .string(context))) }
            members.append(JSONMember("details", .array(error.details.map { .string($0) })))
            body = .object([JSONMember("error", .object(members))])
        }
        return JSONResponse.make(body, status: HTTPResponse.Status(code: code))
    }

    /// The Iceberg exception type engines map an error to.
    static func icebergType(_ code: Int, error: MeshError, path: String, method: HTTPRequest.Method) -> String {
        switch code {
        case 400: "BadRequestException"
        case 401: "NotAuthorizedException"
        case 403: "ForbiddenException"
        case 404:
            path.range(of: #"/namespaces/[^/]+/tables/[^/]+"#, options: .regularExpression) != nil && !error.message.hasPrefix("namespace")
                ? "NoSuchTableException" : "NoSuchNamespaceException"
        case 409: method == .post && path.contains("/tables/") ? "CommitFailedException" : "AlreadyExistsException"
        case 422: method == .post && path.contains("/tables/") ? "CommitFailedException" : "ValidationException"
        default: "ServiceFailureException"
        }
    }
}
