import Foundation
import Mesh

/// A mesh server's error answer, `{"error": {"code", "message", "context"?, "details"}}`.
struct ErrorAnswer: Decodable {
    /// The error object.
    struct Body: Decodable {
        let code: String
        let message: String
        let context: String?
        let details: [String]?
    }

    let error: Body

    /// The ``MeshError`` a non-2xx answer stands for: the server's own error when the body is
    /// the mesh API's error object, else one made from the status.
    static func decode(_ answer: HTTPExchange.Answer, method: String, path: String) -> MeshError {
        if let decoded = try? WireValue.decoder.decode(ErrorAnswer.self, from: answer.body) {
            let kind = MeshError.Kind(description: decoded.error.code) ?? kind(status: answer.status)
            return MeshError(kind, decoded.error.message, context: decoded.error.context, details: decoded.error.details ?? [])
        }
        let text = String(decoding: answer.body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return MeshError(kind(status: answer.status), "the mesh server answered \(method) \(path) with HTTP \(answer.status)" + (text.isEmpty ? "" : ": \(text)"))
    }

    /// The kind for an HTTP status without a mesh error body.
    static func kind(status: Int) -> MeshError.Kind {
        switch status {
        case 401: .unauthenticated
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        case 413: .tooLarge
        case 422: .rejected
        case 400..<500: .invalidInput
        default: .storage
        }
    }
}
