import ArgumentParser
import Catalog
import Mesh

/// `mesh search TEXT... [--limit N] [--json]`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search products and glossary terms.",
        discussion: "Matches descriptions, column names and descriptions, tags and glossary terms; every word must match, the last one as a prefix."
    )

    @Argument(help: "The words to search for.")
    var words: [String]

    @Option(help: "At most this many results.")
    var limit: Int = 20

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        if words.isEmpty { throw ValidationError("give something to search for") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try Console.reportingMeshErrors {
            let hits = try options.connect().search(words.joined(separator: " "), limit: limit)
            if json {
                return Console.line(JSON.array(hits.map { h in
                    .object([("kind", .string(h.document.kind.rawValue)), ("key", .string(h.document.key)), ("title", .string(h.document.title)),
                             ("snippet", .string(h.snippet)), ("score", .double(h.score))])
                }).rendered())
            }
            if hits.isEmpty { return Console.line("No matches.") }
            for h in hits {
                Console.line("\(h.document.kind == .product ? "product" : "term   ")  \(h.document.title)")
                Console.line("         \(h.snippet.replacingOccurrences(of: "\n", with: " "))")
            }
        }
    }
}
