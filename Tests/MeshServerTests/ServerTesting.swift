import Foundation
import Hummingbird
import HummingbirdTesting
import MeshServer

/// Helpers for reading JSON answers in tests.
enum ServerTesting {
    /// The body as a JSON object (empty when it is not one).
    static func object(_ response: TestResponse) -> [String: Any] {
        let data = Data(String(buffer: response.body).utf8)
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    /// `text` parsed as a JSON object (empty when it is not one).
    static func dictionary(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// A JSON-lines body as objects.
    static func lines(_ response: TestResponse) -> [[String: Any]] {
        String(buffer: response.body).split(separator: "\n").map { dictionary(String($0)) }
    }

    /// The `error` member of an error answer.
    static func error(_ response: TestResponse) -> [String: Any] {
        object(response)["error"] as? [String: Any] ?? [:]
    }

    /// Headers with a bearer token (the purpose goes in the `purpose` query parameter here;
    /// the pyiceberg tests send the `X-Mesh-Purpose` header).
    static func headers(_ authorization: String?) -> HTTPFields {
        var fields = HTTPFields()
        if let authorization { fields[.authorization] = authorization }
        return fields
    }

    /// `uri` with a `purpose` query parameter when given.
    static func uri(_ uri: String, purpose: String?) -> String {
        purpose.map { "\(uri)?purpose=\($0)" } ?? uri
    }
}
