import ArgumentParser
import Governance
import Mesh

/// `mesh glossary [TERM] [--json]`.
struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "List the glossary terms of the policy bundles in force, or show one.",
        discussion: "A term shows its definition, type, unit, allowed range or values, and the columns bound to it."
    )

    @Argument(help: "A term to show.")
    var term: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the terms as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let service = try options.connect()
            let entries = try term.map { [try service.glossaryTerm($0)] } ?? service.glossary()
            if json { return Console.line(JSON.array(entries.map(Self.json)).rendered()) }
            if entries.isEmpty { return Console.line("No glossary terms; apply a policy bundle with a glossary (`mesh policy apply BUNDLE.yaml`).") }
            if term == nil {
                let width = entries.map(\.term.id.count).max() ?? 0
                for e in entries { Console.line(e.term.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + e.term.definition) }
                return
            }
            let e = entries[0], t = e.term
            Console.line("\(t.id)\(t.name.map { " (\($0))" } ?? "")")
            Console.line("  definition: \(t.definition)")
            if let type = t.type { Console.line("  type: \(type.rawValue)") }
            if let unit = t.unit { Console.line("  unit: \(unit)") }
            if t.minimum != nil || t.maximum != nil {
                Console.line("  range: \(t.minimum.map { "\($0)" } ?? "-∞") – \(t.maximum.map { "\($0)" } ?? "∞")")
            }
            if !t.allowedValues.isEmpty { Console.line("  allowed values: \(t.allowedValues.map { "\($0)" }.joined(separator: ", "))") }
            if let pattern = t.pattern { Console.line("  pattern: \(pattern)") }
            if let owner = t.owner { Console.line("  owner: \(owner)") }
            Console.line("  defined by: \(e.bundle)")
            Console.line("  bound by: " + (e.bindings.isEmpty ? "no column yet" : e.bindings.joined(separator: ", ")))
        }
    }

    static func json(_ e: GlossaryEntry) -> JSON {
        let t = e.term
        return .object([
            ("id", .string(t.id)), ("name", .optional(t.name)), ("definition", .string(t.definition)), ("type", .optional(t.type?.rawValue)),
            ("unit", .optional(t.unit)), ("minimum", t.minimum.map(JSON.double) ?? .null), ("maximum", t.maximum.map(JSON.double) ?? .null),
            ("allowed_values", .array(t.allowedValues.map { .string("\($0)") })), ("pattern", .optional(t.pattern)), ("owner", .optional(t.owner)),
            ("bundle", .string(e.bundle)), ("bindings", MeshJSON.strings(e.bindings)),
        ])
    }
}
