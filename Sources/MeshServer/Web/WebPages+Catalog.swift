import Catalog
import Foundation
import Governance
import Mesh

/// The public pages: home, search, domains and the glossary (metadata only).
extension WebPages {
    /// `/`: search, domains with their product counts, products, recent versions.
    func home() throws(MeshError) -> String {
        let domains = try service.domains()
        let products = try service.products()
        var body = "<h1>Data products</h1><p class=\"muted\">\(products.count) products in \(domains.count) domains. Every product has an owner, an ODCS contract, versions gated by its checks, and consumers.</p>"
        body += "<h2>Domains</h2><div class=\"grid\">"
        for domain in domains {
            let count = products.filter { $0.domain == domain.name }.count
            body += "<div class=\"card\"><a href=\"/domains/\(HTML.url(domain.name))\"><b>\(HTML.escape(domain.name))</b></a> <span class=\"muted\">· \(count) product\(count == 1 ? "" : "s") · owned by \(HTML.escape(domain.owner))</span><div>\(HTML.escape(domain.description))</div></div>"
        }
        body += "</div><h2>Products</h2>" + productTable(products)
        var recent: [ProductVersion] = []
        for product in products { recent += try service.versions(product.id) }
        recent.sort { $0.publishedAt > $1.publishedAt }
        body += "<h2>Recently published</h2><table><tr><th>Version</th><th>Published</th><th>By</th><th>Rows</th><th>Status</th></tr>"
        for v in recent.prefix(10) {
            body += "<tr><td><a href=\"/products/\(HTML.url(v.productID))\">\(HTML.escape(v.productID))</a>@\(v.version)</td><td>\(HTML.time(v.publishedAt))</td><td>\(HTML.escape(v.publishedBy))</td><td>\(v.rowCount)</td><td>\(HTML.badge(v.status.rawValue, v.status.rawValue))</td></tr>"
        }
        return body + "</table>"
    }

    /// A table of products.
    func productTable(_ products: [Product]) -> String {
        guard !products.isEmpty else { return "<p class=\"muted\">No products yet.</p>" }
        var s = "<table><tr><th>Product</th><th>Description</th><th>Owner</th><th>Tags</th><th>Contract</th></tr>"
        for p in products {
            s += "<tr><td><a href=\"/products/\(HTML.url(p.id))\">\(HTML.escape(p.id))</a></td><td>\(HTML.escape(p.description))</td><td>\(HTML.escape(p.owner))</td>"
            s += "<td>\(p.tags.map { HTML.badge($0, $0) }.joined())</td><td>\(HTML.escape(p.contractVersion))</td></tr>"
        }
        return s + "</table>"
    }

    /// `/search?q=`: full-text search over products, columns and glossary terms.
    func search(_ text: String) throws(MeshError) -> String {
        var body = "<h1>Search</h1><form action=\"/search\" method=\"get\"><input type=\"search\" name=\"q\" value=\"\(HTML.escape(text))\" style=\"width:28rem;padding:.45rem\"></form>"
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return body }
        let hits = try service.search(text, limit: 50)
        body += "<p class=\"muted\">\(hits.count) result\(hits.count == 1 ? "" : "s") for “\(HTML.escape(text))”.</p>"
        for hit in hits {
            let link = hit.document.kind == .product ? "/products/\(HTML.url(hit.document.key))" : "/glossary/\(HTML.url(hit.document.key))"
            let kind = hit.document.kind == .product ? "product" : "glossary term"
            // The snippet marks matches with [ ]; show them bold after escaping.
            let snippet = HTML.escape(hit.snippet).replacingOccurrences(of: "[", with: "<b>").replacingOccurrences(of: "]", with: "</b>")
            body += "<div class=\"card\"><a href=\"\(link)\"><b>\(HTML.escape(hit.document.title))</b></a> \(HTML.badge(kind, "term"))<div class=\"muted\">\(snippet)</div></div>"
        }
        return body
    }

    /// `/domains/{name}`.
    func domain(_ name: String) throws(MeshError) -> String {
        let domain = try service.domain(name)
        let products = try service.products(domain: name)
        return "<p class=\"muted\"><a href=\"/\">Products</a> › domain</p><h1>\(HTML.escape(domain.name))</h1><p>\(HTML.escape(domain.description))</p>"
            + "<dl class=\"kv\"><dt>Owning team</dt><dd>\(HTML.escape(domain.owner))</dd><dt>Created</dt><dd>\(HTML.time(domain.createdAt))</dd></dl>"
            + "<h2>Products</h2>" + productTable(products)
    }

    /// `/glossary`: the shared semantic layer.
    func glossary() throws(MeshError) -> String {
        var body = "<h1>Glossary</h1><p class=\"muted\">Terms of the global policy bundle; columns bind to them in their contracts and the platform enforces their rules at publish.</p>"
        body += "<table><tr><th>Term</th><th>Definition</th><th>Type / unit / range</th><th>Columns bound</th></tr>"
        for entry in try service.glossary() {
            body += "<tr><td><a href=\"/glossary/\(HTML.url(entry.term.id))\">\(HTML.escape(entry.term.id))</a></td><td>\(HTML.escape(entry.term.definition))</td>"
            body += "<td>\(HTML.escape(Self.rules(entry.term)))</td><td>\(entry.bindings.count)</td></tr>"
        }
        return body + "</table>"
    }

    /// `/glossary/{term}`.
    func glossaryTerm(_ id: String) throws(MeshError) -> String {
        let entry = try service.glossaryTerm(id)
        var body = "<p class=\"muted\"><a href=\"/glossary\">Glossary</a> › term</p><h1>\(HTML.escape(entry.term.name ?? entry.term.id))</h1><p>\(HTML.escape(entry.term.definition))</p>"
        body += "<dl class=\"kv\"><dt>Id</dt><dd>\(HTML.escape(entry.term.id))</dd><dt>Rules</dt><dd>\(HTML.escape(Self.rules(entry.term)))</dd>"
        body += "<dt>Owner</dt><dd>\(HTML.escape(entry.term.owner ?? "—"))</dd><dt>Bundle</dt><dd>\(HTML.escape(entry.bundle))</dd></dl>"
        body += "<h2>Columns bound to it</h2>"
        if entry.bindings.isEmpty { return body + "<p class=\"muted\">None yet.</p>" }
        body += "<ul>"
        for binding in entry.bindings {
            let product = binding.split(separator: ".").prefix(2).joined(separator: ".")
            body += "<li><a href=\"/products/\(HTML.url(product))\">\(HTML.escape(binding))</a></li>"
        }
        return body + "</ul>"
    }

    static func rules(_ term: GlossaryTerm) -> String {
        var parts: [String] = []
        if let type = term.type { parts.append("\(type)") }
        if let unit = term.unit { parts.append(unit) }
        if term.minimum != nil || term.maximum != nil {
            parts.append("[\(term.minimum.map { "\($0)" } ?? "−∞"), \(term.maximum.map { "\($0)" } ?? "∞")]")
        }
        if !term.allowedValues.isEmpty { parts.append("one of " + term.allowedValues.map { "\($0)" }.joined(separator: ", ")) }
        if let pattern = term.pattern { parts.append("pattern \(pattern)") }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }
}
