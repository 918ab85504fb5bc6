import Catalog
import Foundation

/// How values are laid out in the catalog's columns.
enum Stored {
    /// A date as REAL seconds since 2001-01-01T00:00:00Z: exact for every `Date`.
    static func date(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }

    /// The date a REAL column holds.
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: seconds) }

    /// `value` as compact JSON text with sorted keys.
    static func json<T: Encodable>(_ value: T) throws(CatalogError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw CatalogError(.invalid, "cannot encode a value as JSON: \(error)")
        }
    }

    /// The value of JSON `text` from column `column`.
    static func decode<T: Decodable>(_ type: T.Type, json text: String, column: String) throws(CatalogError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw CatalogError(.storage, "column \(column) holds JSON this release cannot read: \(error)", context: column)
        }
    }

    /// The value of an enum's raw-value column.
    static func decode<T: RawRepresentable>(_ type: T.Type, raw: String, column: String) throws(CatalogError) -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw CatalogError(.storage, "column \(column) holds '\(raw)', which this release does not know", context: column)
        }
        return value
    }
}
