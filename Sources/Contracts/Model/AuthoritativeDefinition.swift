/// An `authoritativeDefinitions` entry: a link to where the meaning of an element is defined.
///
/// Meshwork binds a column to a glossary term with an entry whose `url` is `glossary:<term-id>`
/// (type `glossaryTerm`, recommended, or `businessDefinition`). See docs/contracts.md.
public struct AuthoritativeDefinition: Sendable, Hashable {
    /// The kind of link (`businessDefinition`, `glossaryTerm`, `canonical`, `videoTutorial`...).
    public var type: String
    /// Where the definition lives.
    public var url: String
    /// A stable identifier, if given.
    public var id: String?
    /// The entry as it was read.
    public var source: YAMLNode

    /// The link type Meshwork recommends for glossary bindings.
    public static let glossaryTermType = "glossaryTerm"
    /// The URL scheme that names a glossary term: `glossary:fico_score`.
    public static let glossaryScheme = "glossary:"

    /// Creates a definition link.
    public init(type: String, url: String, id: String? = nil) {
        self.type = type
        self.url = url
        self.id = id
        self.source = YAMLNode(.mapping([]))
    }

    /// A binding to the glossary term `term`.
    public static func glossaryTerm(_ term: String) -> AuthoritativeDefinition {
        AuthoritativeDefinition(type: glossaryTermType, url: glossaryScheme + term)
    }

    /// Reads an entry; nil when `type` or `url` is missing.
    public init?(node: YAMLNode) {
        guard let type = node["type"]?.string, let url = node["url"]?.string else { return nil }
        self.type = type
        self.url = url
        self.id = node["id"]?.string
        self.source = node
    }

    /// The glossary term this entry binds to, when its URL is `glossary:<term>`.
    public var glossaryTerm: String? {
        guard url.hasPrefix(Self.glossaryScheme) else { return nil }
        let term = String(url.dropFirst(Self.glossaryScheme.count)).trimmingCharacters(in: .whitespaces)
        return term.isEmpty ? nil : term
    }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("id", string: id)
        node.set("url", string: url)
        node.set("type", string: type)
        return node
    }
}

extension Array where Element == AuthoritativeDefinition {
    static func read(_ node: YAMLNode?) -> [AuthoritativeDefinition] {
        node?.items?.compactMap(AuthoritativeDefinition.init(node:)) ?? []
    }

    /// The glossary terms these entries bind to, in order.
    public var glossaryTerms: [String] { compactMap(\.glossaryTerm) }
}

import Foundation
