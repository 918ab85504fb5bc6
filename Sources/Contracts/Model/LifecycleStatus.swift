/// The lifecycle of a data product, from the contract's `status`.
public enum LifecycleStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Being designed; consumers must not rely on it (`proposed` reads as draft).
    case draft
    /// Published and supported.
    case active
    /// Still served, to be retired; consumers should migrate.
    case deprecated
    /// No longer served.
    case retired

    /// The ODCS status values Meshwork accepts.
    public static let acceptedNames = ["proposed", "draft", "active", "deprecated", "retired"]

    /// Reads a status, case-insensitively (`proposed` → draft).
    public init?(name: String) {
        let n = name.lowercased()
        if n == "proposed" { self = .draft; return }
        guard let s = LifecycleStatus(rawValue: n) else { return nil }
        self = s
    }
}
