import Foundation

/// The JSON text stored in audit entries' and events' `detail`.
enum AuditDetail {
    /// `value` as compact JSON with sorted keys (`{}` if it cannot be encoded).
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
