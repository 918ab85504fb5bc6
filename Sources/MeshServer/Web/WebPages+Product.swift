import Catalog
import Foundation
import Mesh
import Quality

/// The product page: contract, schema, freshness, versions with charts, consumers, lineage.
extension WebPages {
    /// `/products/{id}`.
    func product(_ id: String) throws(MeshError) -> String {
        let details = try service.show(id)
        let p = details.product
        let versions = try service.versions(id)
        var body = "<p class=\"muted\"><a href=\"/\">Products</a> › <a href=\"/domains/\(HTML.url(p.domain))\">\(HTML.escape(p.domain))</a></p>"
        body += "<h1>\(HTML.escape(p.id))</h1><p>\(HTML.escape(p.description))</p>"
        body += "<dl class=\"kv\"><dt>Owners</dt><dd>\(details.owners.map(HTML.escape).joined(separator: ", "))</dd>"
        body += "<dt>Status</dt><dd>\(HTML.badge(p.status, p.status))</dd><dt>Tags</dt><dd>\(p.tags.map { HTML.badge($0, $0) }.joined())</dd>"
        body += "<dt>Contract</dt><dd>\(HTML.escape(details.contract.version))</dd>"
        let fresh = details.freshness
        body += "<dt>Freshness</dt><dd>\(HTML.badge(fresh.status.rawValue, fresh.status.rawValue)) \(HTML.escape(fresh.message))</dd>"
        body += "<dt>SLA</dt><dd>\(details.sla.isEmpty ? "—" : details.sla.map(HTML.escape).joined(separator: "<br>"))</dd>"
        if let latest = details.latest {
            body += "<dt>Latest version</dt><dd>v\(latest.version) · \(latest.rowCount) rows · published \(HTML.time(latest.publishedAt)) by \(HTML.escape(latest.publishedBy))"
            body += latest.status == .revoked ? " " + HTML.badge("revoked", "revoked") : ""
            body += "</dd>"
        }
        body += "</dl>"

        for table in details.tables {
            body += "<h2>Schema: \(HTML.escape(table.identifier))</h2>"
            if let description = table.description { body += "<p class=\"muted\">\(HTML.escape(description))</p>" }
            body += "<table><tr><th>Column</th><th>Type</th><th>Classification</th><th>Glossary</th><th>Allowed purposes</th><th>Description</th></tr>"
            for c in table.columns {
                var name = "<b>\(HTML.escape(c.name))</b>"
                if c.primaryKey { name += " " + HTML.badge("key", "term") }
                if c.required { name += " " + HTML.badge("required", "info") }
                let classification = (c.classification.map { HTML.badge($0, $0) } ?? "") + c.tags.map { HTML.badge($0, $0) }.joined()
                let term = c.glossaryTerm.map { "<a href=\"/glossary/\(HTML.url($0))\">\(HTML.badge($0, "term"))</a>" } ?? ""
                body += "<tr><td>\(name)</td><td>\(HTML.escape(c.type))</td><td>\(classification)</td><td>\(term)</td>"
                body += "<td>\((c.allowedPurposes ?? []).map(HTML.escape).joined(separator: ", "))</td><td>\(HTML.escape(c.description ?? ""))</td></tr>"
            }
            body += "</table>"
        }

        body += "<h2>Versions</h2>" + charts(versions)
        body += "<table><tr><th>Version</th><th>Published</th><th>By</th><th>Mode</th><th>Rows</th><th>Checks</th><th>Contract</th><th>Inputs</th><th>Status</th></tr>"
        for v in versions.reversed() {
            let results = (try? JSONDecoder().decode([CheckResult].self, from: Data(v.checks.utf8))) ?? []
            let failed = results.filter { !$0.passed && !$0.skipped }
            var checks = "\(results.filter(\.passed).count) passed"
            if !failed.isEmpty { checks += ", \(failed.count) warning\(failed.count == 1 ? "" : "s"): " + failed.map { HTML.escape($0.name) }.joined(separator: ", ") }
            let inputs = v.inputs.map { "<a href=\"/products/\(HTML.url($0.productID))\">\(HTML.escape($0.description))</a>" }.joined(separator: ", ")
            var status = HTML.badge(v.status.rawValue, v.status.rawValue)
            if let reason = v.revokedReason { status += " <span class=\"muted\">\(HTML.escape(reason))</span>" }
            body += "<tr><td>v\(v.version)</td><td>\(HTML.time(v.publishedAt))</td><td>\(HTML.escape(v.publishedBy))</td><td>\(HTML.escape(v.mode))</td>"
            body += "<td>\(v.rowCount) (+\(v.addedRows))</td><td>\(checks)</td><td>\(HTML.escape(v.contractVersion))</td><td>\(inputs)</td><td>\(status)</td></tr>"
        }
        body += "</table>"
        let rejected = details.history.filter { !$0.accepted }
        if !rejected.isEmpty {
            body += "<p class=\"muted\">\(rejected.count) publish attempt\(rejected.count == 1 ? " was" : "s were") rejected by the contract's checks (details on the <a href=\"/governance\">governance page</a>).</p>"
        }

        body += "<h2>Consumers</h2>"
        if details.consumers.isEmpty {
            body += "<p class=\"muted\">No subscriptions yet.</p>"
        } else {
            body += "<table><tr><th>Consumer</th><th>Purpose</th><th>Major version</th><th>Delivery</th></tr>"
            for s in details.consumers {
                body += "<tr><td>\(HTML.escape(s.consumer))</td><td>\(HTML.escape(s.purpose))</td><td>\(s.majorVersion.map { "v\($0)" } ?? "any")</td><td>event feed\(s.webhookURL == nil ? "" : " + webhook")</td></tr>"
            }
            body += "</table>"
        }

        if let latest = details.latest {
            let root = LineageNode.version(latest.ref)
            let reference = LineageReference.product(p.id, version: .number(latest.version))
            let up = try service.lineage(of: reference, direction: .upstream)
            let down = try service.lineage(of: reference, direction: .downstream)
            body += "<h2>Lineage of v\(latest.version)</h2><div class=\"card\" style=\"overflow:auto\">" + LineageSVG(root: root, upstream: up, downstream: down).svg() + "</div>"
        }
        body += "<h2>Contract</h2><details><summary>ODCS YAML (\(HTML.escape(details.contract.version)))</summary><pre>\(HTML.escape(details.contract.yaml))</pre></details>"
        return body
    }

    /// Row count over versions, and each column's null rate over versions.
    func charts(_ versions: [ProductVersion]) -> String {
        guard !versions.isEmpty else { return "<p class=\"muted\">No versions published yet.</p>" }
        let labels = versions.map { "v\($0.version)" }
        var s = "<div class=\"charts\">"
        s += SVGChart(title: "Rows", points: zip(labels, versions.map { Double($0.rowCount) }).map { ($0, $1) }, format: { String(Int($0)) }).svg()
        let profiles = versions.map { try? DatasetProfile.decode(json: Data($0.statistics.utf8)) }
        var columns: [String] = []
        for profile in profiles.compactMap({ $0 }) {
            for column in profile.columns where !columns.contains(column.name) { columns.append(column.name) }
        }
        for column in columns {
            let points = zip(labels, profiles).map { label, profile in
                (label, profile?.column(named: column).map { $0.nullFraction * 100 })
            }
            s += SVGChart(title: "\(column): null %", points: points, format: { String(format: "%.1f%%", $0) }).svg()
        }
        return s + "</div>"
    }
}
