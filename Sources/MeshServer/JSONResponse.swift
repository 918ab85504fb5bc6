import Avro
import Hummingbird

/// JSON bodies for responses.
public enum JSONResponse {
    /// A response with `value` serialised as `application/json`.
    public static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.serialized())))
    }

    /// A JSON object from string pairs, in order.
    public static func object(_ pairs: [(String, String)]) -> JSONValue {
        .object(pairs.map { JSONMember($0.0, .string($0.1)) })
    }
}
