import Contracts

/// The semantic layer across bundles: one definition per term.
public enum Glossary {
    /// Combines the glossaries of several bundles (the global one and every domain's).
    ///
    /// - Throws: ``GovernanceError`` `.conflictingDefinition` when two bundles define the
    ///   same term differently, naming both bundles and what differs.
    public static func merge(_ bundles: [PolicyBundle]) throws -> [GlossaryTerm] {
        var terms: [String: (GlossaryTerm, String)] = [:]
        var order: [String] = []
        for bundle in bundles {
            for term in bundle.glossary {
                if let (existing, source) = terms[term.id] {
                    if !existing.hasSameDefinition(as: term) {
                        throw GovernanceError(.conflictingDefinition,
                            "glossary term '\(term.id)' is defined differently by \(source) and \(bundle.reference): \(difference(existing, term))",
                            rule: "glossary.\(term.id)")
                    }
                } else {
                    terms[term.id] = (term, bundle.reference)
                    order.append(term.id)
                }
            }
        }
        return order.map { terms[$0]!.0 }
    }

    /// What differs between two definitions of a term, for messages.
    public static func difference(_ a: GlossaryTerm, _ b: GlossaryTerm) -> String {
        var parts: [String] = []
        if a.definition != b.definition { parts.append("definition '\(a.definition)' vs '\(b.definition)'") }
        if a.type != b.type { parts.append("type \(a.type?.rawValue ?? "none") vs \(b.type?.rawValue ?? "none")") }
        if a.unit != b.unit { parts.append("unit \(a.unit ?? "none") vs \(b.unit ?? "none")") }
        if a.minimum != b.minimum || a.maximum != b.maximum {
            parts.append("range \(a.minimum.map(Evaluation.format) ?? "-∞")–\(a.maximum.map(Evaluation.format) ?? "∞") vs \(b.minimum.map(Evaluation.format) ?? "-∞")–\(b.maximum.map(Evaluation.format) ?? "∞")")
        }
        if a.allowedValues != b.allowedValues { parts.append("allowed values differ") }
        if a.pattern != b.pattern { parts.append("pattern \(a.pattern ?? "none") vs \(b.pattern ?? "none")") }
        return parts.joined(separator: "; ")
    }
}
