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

    /// The `error` member of an error answer.
    static func error(_ response: TestResponse) -> [String: Any] {
        object(response)["error"] as? [String: Any] ?? [:]
    }

    /// Headers with a bearer token and, optionally, a purpose.
    static func headers(_ authorization: String?, purpose: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let authorization { fields[.authorization] = authorization }
        if let purpose { fields[IcebergCatalogRoutes.purposeHeader] = purpose }
        return fields
    }
}
