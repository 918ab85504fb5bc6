import ArgumentParser
import Foundation
import Mesh
import Quality

/// `mesh show DOMAIN.PRODUCT [--contract] [--json]`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a product: owners, schema, SLA and freshness, latest statistics, quality history, consumers.",
        discussion: "--contract prints the registered contract's YAML instead."
    )

    @Argument(help: "The product (DOMAIN.PRODUCT).")
    var product: String

    @Flag(help: "Print the contract in force (YAML).")
    var contract = false

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the details as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let d = try options.connect().show(product)
            if contract { return Console.out(d.contract.yaml.hasSuffix("\n") ? d.contract.yaml : d.contract.yaml + "\n") }
            if json { return Console.line(Self.json(d).rendered()) }
            Self.print(d)
        }
    }

    static func print(_ d: ProductDetails) {
        let p = d.product
        Console.line("\(p.id) — \(p.description)")
        Console.line("  status: \(p.status)   contract: \(d.contract.version)   domain: \(d.domain.name)   owners: \(d.owners.joined(separator: ", "))")
        if !p.tags.isEmpty { Console.line("  tags: \(p.tags.joined(separator: ", "))") }
        for t in d.tables {
            Console.line("")
            Console.line("Table \(t.identifier)" + (t.description.map { " — \($0)" } ?? ""))
            let width = t.columns.map(\.name.count).max() ?? 0
            for c in t.columns {
                var line = "  " + c.name.padded(width) + "  " + c.type.padded(10)
                line += c.required ? "  required" : "          "
                if c.primaryKey { line += "  primary key" }
                if let cl = c.classification { line += "  [\(cl)]" }
                if !c.tags.isEmpty { line += "  tags: \(c.tags.joined(separator: ","))" }
                if let g = c.glossaryTerm { line += "  glossary: \(g)" }
                if let purposes = c.allowedPurposes { line += "  purposes: \(purposes.joined(separator: ","))" }
                Console.line(line)
            }
        }
        Console.line("")
        Console.line("SLA: " + (d.sla.isEmpty ? "none" : d.sla.joined(separator: "; ")))
        Console.line("Freshness: \(d.freshness.isBreach ? "STALE" : d.freshness.status.rawValue) — \(d.freshness.message)")
        if let v = d.latest {
            Console.line("")
            Console.line("Latest version: v\(v.version), \(Formatting.count(v.rowCount)) rows, published \(MeshJSON.text(v.publishedAt)) by \(v.publishedBy)")
            if let s = d.latestStatistics {
                for c in s.columns {
                    var line = "  \(c.name.padded(20)) nulls \(String(format: "%.1f%%", c.nullFraction * 100))  distinct ≈\(c.distinctCount)"
                    if let lo = c.minimum, let hi = c.maximum { line += "  min \(c.display(lo))  max \(c.display(hi))" }
                    Console.line(line)
                }
            }
        }
        Console.line("")
        Console.line("Quality history (\(d.history.filter(\.accepted).count) accepted, \(d.history.filter { !$0.accepted }.count) rejected):")
        if d.history.isEmpty { Console.line("  no publishes yet") }
        for a in d.history.suffix(20) {
            Console.line("  \(MeshJSON.text(a.time))  \(a.accepted ? "accepted" : "REJECTED")  \(a.by.padded(10))  \(a.summary)")
        }
        Console.line("")
        Console.line("Consumers: " + (d.consumers.isEmpty ? "none" : d.consumers.map { "\($0.consumer) (\($0.purpose))" }.joined(separator: ", ")))
    }

    static func json(_ d: ProductDetails) -> JSON {
        .object([
            ("product", MeshJSON.product(d.product)), ("domain", MeshJSON.domain(d.domain)), ("contract_version", .string(d.contract.version)),
            ("owners", MeshJSON.strings(d.owners)),
            ("tables", .array(d.tables.map { t in
                .object([("object", .string(t.object)), ("identifier", .string(t.identifier)), ("description", .optional(t.description)),
                         ("columns", .array(t.columns.map { c in
                             .object([("name", .string(c.name)), ("type", .string(c.type)), ("required", .bool(c.required)), ("primary_key", .bool(c.primaryKey)),
                                      ("classification", .optional(c.classification)), ("tags", MeshJSON.strings(c.tags)), ("glossary_term", .optional(c.glossaryTerm)),
                                      ("allowed_purposes", c.allowedPurposes.map(MeshJSON.strings) ?? .null), ("description", .optional(c.description))])
                         }))])
            })),
            ("sla", MeshJSON.strings(d.sla)),
            ("freshness", .object([
                ("status", .string(d.freshness.status.rawValue)), ("version", .optional(d.freshness.version)), ("basis", .optional(d.freshness.basis?.rawValue)),
                ("newest", MeshJSON.date(d.freshness.newest)), ("lag_seconds", d.freshness.lag.map(JSON.double) ?? .null),
                ("limit_seconds", d.freshness.limit.map(JSON.double) ?? .null), ("message", .string(d.freshness.message)),
            ])),
            ("latest", d.latest.map(MeshJSON.version) ?? .null),
            ("statistics", d.latest.map { MeshJSON.raw($0.statistics) } ?? .null),
            ("history", .array(d.history.map { a in
                .object([("time", MeshJSON.date(a.time)), ("by", .string(a.by)), ("version", .optional(a.version)), ("accepted", .bool(a.accepted)),
                         ("rows", .int(a.rows)), ("summary", .string(a.summary))])
            })),
            ("consumers", .array(d.consumers.map(MeshJSON.subscription))),
        ])
    }
}
