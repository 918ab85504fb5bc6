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
        if name.count > maximumLength {
            throw MeshError(.invalidInput, "\(field) '\(name)' is longer than \(maximumLength) characters", context: field)
        }
        if name.contains("/") || name.contains("\\") || name.contains("..") || name.contains(".") {
            throw MeshError(.invalidInput, "\(field) '\(name)' must not contain '/', '\\', '.' or '..'", context: field)
        }
        for scalar in name.unicodeScalars {
            let ok = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
            guard ok else {
                throw MeshError(.invalidInput, "\(field) '\(name)' may only hold lowercase letters, digits, '_' and '-' (found '\(Character(scalar))')", context: field)
            }
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
