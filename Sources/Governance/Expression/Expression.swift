/// A parsed policy expression: a small, CEL-like language over a product's metadata and
/// statistics. It has no loops, no assignment, no I/O and no user-defined functions; list
/// macros (`exists`, `all`, `filter`, `map`) iterate only over finite lists, and every
/// evaluation runs under a step budget, so an expression always terminates quickly.
///
/// ```
/// product.pii && product.sla.retention_days <= 365
/// product.columns.all(c, !c.pii || size(c.purposes) > 0)
/// 'training-data' in product.tags
/// ```
///
/// Operators: `!`, unary `-`, `* / %`, `+ -` (numbers; `+` also joins strings and lists),
/// `< <= > >=`, `== !=`, `in` (list membership, map key, substring), `&&`, `||`, `c ? a : b`.
/// Functions: `size(x)`, `matches(s, re)`, `startsWith(s, p)`, `endsWith(s, p)`,
/// `contains(s, p)`, `lower(s)`, `has(map, key)`, `int(x)`, `double(x)`, `string(x)`.
/// Member access `a.b` reads a map key (missing keys read as null); `a[i]` indexes a list or map.
public struct Expression: Sendable, Hashable, CustomStringConvertible {
    /// The source text.
    public let source: String
    let root: Node

    /// Longest expression accepted, in characters.
    public static let maximumLength = 4096
    /// Deepest nesting accepted.
    public static let maximumDepth = 64

    /// Parses an expression.
    ///
    /// - Throws: ``GovernanceError`` (`.invalidExpression`) naming the position of the problem.
    public init(_ source: String) throws {
        guard source.count <= Self.maximumLength else {
            throw GovernanceError(.invalidExpression, "expression is longer than \(Self.maximumLength) characters")
        }
        self.source = source
        var parser = ExpressionParser(source)
        root = try parser.parseAll()
    }

    public var description: String { source }

    public static func == (a: Expression, b: Expression) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    indirect enum Node: Sendable, Hashable {
        case literal(ExpressionValue)
        case identifier(String)
        case list([Node])
        case member(Node, String)
        case index(Node, Node)
        case unary(String, Node)
        case binary(String, Node, Node)
        case conditional(Node, Node, Node)
        case call(String, [Node])
        /// `target.macro(variable, body)`.
        case macro(Node, String, String, Node)
    }
}
