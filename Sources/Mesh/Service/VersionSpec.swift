import Foundation

/// Which version of a product to read: `@3`, `@v3` (or any tag), `@2026-11-22T06:00:00Z`.
public enum VersionSpec: Sendable, Hashable, CustomStringConvertible {
    /// The newest version.
    case latest
    /// A version number.
    case number(Int)
    /// A tag of the product's tables (`v3` for version 3, or a custom tag).
    case tag(String)
    /// The version that was current at this instant.
    case time(Date)

    /// Parses the text after `@`: digits are a version number, an ISO-8601 instant or date is a
    /// time, anything else a tag.
    public init(parsing text: String) throws(MeshError) {
        if text.isEmpty { throw MeshError(.invalidInput, "empty version after '@'; use a number, a tag or an ISO-8601 time", context: "@") }
        if let n = Int(text) {
            guard n >= 1 else { throw MeshError(.invalidInput, "versions are numbered from 1, not \(n)", context: "@\(text)") }
            self = .number(n)
        } else if text.first!.isNumber, let date = Timestamp.parse(text) {
            self = .time(date)
        } else if text.first!.isNumber, text.contains("-") || text.contains(":") {
            throw MeshError(.invalidInput, "'\(text)' is not an ISO-8601 time (e.g. 2026-11-22T06:00:00Z or 2026-11-22)", context: "@\(text)")
        } else {
            self = .tag(text)
        }
    }

    /// Splits `DOMAIN.PRODUCT[@VERSION]`.
    public static func split(_ reference: String) throws(MeshError) -> (productID: String, version: VersionSpec) {
        guard let at = reference.firstIndex(of: "@") else {
            _ = try Names.product(reference)
            return (reference, .latest)
        }
        let id = String(reference[..<at])
        _ = try Names.product(id)
        return (id, try VersionSpec(parsing: String(reference[reference.index(after: at)...])))
    }

    public var description: String {
        switch self {
        case .latest: "latest"
        case .number(let n): String(n)
        case .tag(let t): t
        case .time(let d): Timestamp.iso(d)
        }
    }
}
