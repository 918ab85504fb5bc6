import Catalog
import Foundation
import Mesh

/// The `--json` forms of the mesh's records.
enum MeshJSON {
    static func date(_ d: Date?) -> JSON {
        guard let d else { return .null }
        return .string(text(d))
    }

    /// `2026-11-22T06:58:34Z`.
    static func text(_ d: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: d)
    }

    static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

    static func domain(_ d: Domain) -> JSON {
        .object([("name", .string(d.name)), ("owner", .string(d.owner)), ("description", .string(d.description)), ("created_at", date(d.createdAt))])
    }

    static func principal(_ p: Principal) -> JSON {
        .object([("name", .string(p.name)), ("roles", strings(p.roles.map(\.rawValue).sorted())), ("team", .optional(p.team)), ("created_at", date(p.createdAt))])
    }

    static func product(_ p: Product) -> JSON {
        .object([
            ("id", .string(p.id)), ("domain", .string(p.domain)), ("name", .string(p.name)), ("description", .string(p.description)),
            ("owner", .string(p.owner)), ("status", .string(p.status)), ("tags", strings(p.tags)), ("tables", strings(p.tables)),
            ("contract_version", .string(p.contractVersion)), ("created_at", date(p.createdAt)), ("updated_at", date(p.updatedAt)),
        ])
    }

    static func version(_ v: ProductVersion) -> JSON {
        .object([
            ("product", .string(v.productID)), ("version", .int(Int64(v.version))), ("tag", .string(v.tag)),
            ("snapshots", .object(v.snapshots.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("rows", .int(v.rowCount)), ("added_rows", .int(v.addedRows)), ("mode", .string(v.mode)), ("contract_version", .string(v.contractVersion)),
            ("published_at", date(v.publishedAt)), ("published_by", .string(v.publishedBy)), ("newest_event_time", date(v.newestEventTime)),
            ("inputs", strings(v.inputs.map(\.description))), ("status", .string(v.status.rawValue)), ("revoked_reason", .optional(v.revokedReason)),
        ])
    }

    static func subscription(_ s: Subscription) -> JSON {
        .object([("id", .int(s.id)), ("product", .string(s.productID)), ("consumer", .string(s.consumer)), ("purpose", .string(s.purpose)),
                 ("major_version", .optional(s.majorVersion)), ("webhook", .optional(s.webhookURL))])
    }

    /// Stored JSON text embedded as is (or null when empty).
    static func raw(_ text: String) -> JSON { text.isEmpty ? .null : .raw(text) }
}
