import Catalog
import Foundation
import Iceberg

extension MeshService {
    /// Every version of a product, oldest first.
    public func versions(_ productID: String) throws(MeshError) -> [ProductVersion] {
        _ = try product(productID)
        return try read { t throws(CatalogError) in try t.versions(productID: productID) }
    }

    /// The publish attempts the gate rejected, oldest first.
    public func rejections(_ productID: String) throws(MeshError) -> [RejectedPublish] {
        _ = try product(productID)
        return try read { t throws(CatalogError) in try t.rejections(productID: productID) }
    }

    /// The version `spec` names.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` naming the product and the versions that exist.
    public func resolveVersion(_ productID: String, _ spec: VersionSpec) throws(MeshError) -> ProductVersion {
        let product = try self.product(productID)
        let all = try read { t throws(CatalogError) in try t.versions(productID: productID) }
        func missing(_ what: String) -> MeshError {
            let existing = all.isEmpty ? "it has no published version yet; publish one with `mesh publish \(productID) FILE`"
                : "versions: " + Self.versionList(all)
            return MeshError(.notFound, "\(productID) has no \(what); \(existing)", context: productID)
        }
        switch spec {
        case .latest:
            guard let last = all.last else { throw missing("version") }
            return last
        case .number(let n):
            guard let v = all.first(where: { $0.version == n }) else { throw missing("version \(n)") }
            return v
        case .tag(let tag):
            if let v = all.first(where: { $0.tag == tag }) { return v }
            // A custom tag someone put on a table: the version holding that snapshot.
            for identifier in product.tables {
                guard let table = try? openTable(identifier), let ref = table.metadata.refs[tag], ref.kind == .tag else { continue }
                if let v = all.last(where: { $0.snapshots[identifier] == ref.snapshotID }) { return v }
            }
            throw missing("version tagged '\(tag)'")
        case .time(let date):
            guard let v = all.last(where: { $0.publishedAt <= date }) else { throw missing("version at \(Timestamp.iso(date))") }
            return v
        }
    }

    /// `1, 2, 3` (or `1–40, 42` style runs), for messages.
    static func versionList(_ versions: [ProductVersion]) -> String {
        var runs: [String] = []
        var start: Int?
        var last: Int?
        for n in versions.map(\.version) {
            if let l = last, n == l + 1 { last = n; continue }
            if let s = start, let l = last { runs.append(s == l ? "\(s)" : "\(s)–\(l)") }
            start = n
            last = n
        }
        if let s = start, let l = last { runs.append(s == l ? "\(s)" : "\(s)–\(l)") }
        return runs.joined(separator: ", ")
    }
}
