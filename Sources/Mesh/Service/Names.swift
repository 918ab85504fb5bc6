/// Validation of the names that become catalog keys and warehouse paths.
///
/// Domain, product, table and principal names are lowercase letters, digits, `_` and `-`,
/// starting with a letter or digit: no path separators, no `..`, no dots (a dot separates the
/// parts of `DOMAIN.PRODUCT[.TABLE]`).
public enum Names {
    /// The longest name accepted.
    public static let maximumLength = 64

    /// Checks `name` as the value of `field` (`domain`, `dataProduct`, `schema[0].name`...).
    ///
    /// - Throws: ``MeshError/Kind/invalidInput`` naming the field and what is wrong.
    public static func validate(_ name: String, field: String) throws(MeshError) {
        if name.isEmpty { throw MeshError(.invalidInput, "\(field) is empty", context: field) }
        if name.utf8.count > maximumLength, name.count > maximumLength {
            throw MeshError(.invalidInput, "\(field) '\(name)' is longer than \(maximumLength) characters", context: field)
        }
        // A byte scan (names are checked on every request; Foundation's substring search is slow).
        if name.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: ".") }) {
            throw MeshError(.invalidInput, "\(field) '\(name)' must not contain '/', '\\', '.' or '..'", context: field)
        }
        if let scalar = name.unicodeScalars.first(where: { !("a"..."z" ~= $0 || "0"..."9" ~= $0 || $0 == "_" || $0 == "-") }) {
            throw MeshError(.invalidInput, "\(field) '\(name)' may only hold lowercase letters, digits, '_' and '-' (found '\(Character(scalar))')", context: field)
        }
        if name.first == "-" || name.first == "_" {
            throw MeshError(.invalidInput, "\(field) '\(name)' must start with a letter or digit", context: field)
        }
    }

    /// Splits a product id `DOMAIN.PRODUCT` and checks both parts.
    public static func product(_ id: String) throws(MeshError) -> (domain: String, product: String) {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else {
            throw MeshError(.invalidInput, "a product is named DOMAIN.PRODUCT (e.g. payments.transactions), not '\(id)'", context: id)
        }
        try validate(parts[0], field: "domain")
        try validate(parts[1], field: "product")
        return (parts[0], parts[1])
    }
}
