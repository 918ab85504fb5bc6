import Catalog
import Foundation
import Mesh
import Quality

/// Renders the web catalog's pages from the service (pure rendering; no HTTP here).
struct WebPages {
    /// The mesh shown.
    let service: MeshService

    /// `/governance`: policy violations (rejected publishes with their failed checks, revoked
    /// versions) and pending access requests. Signed-in governance, admin and owners only.
    func governance() throws(MeshError) -> String {
        var body = "<h1>Governance</h1><p class=\"muted\">What the platform's computational governance stopped or flagged, and what waits for a decision.</p>"
        let pending = try service.accessRequests(status: .pending)
        body += "<h2>Pending access requests (\(pending.count))</h2>"
        if pending.isEmpty {
            body += "<p class=\"muted\">None.</p>"
        } else {
            body += "<table><tr><th>#</th><th>Product</th><th>Principal</th><th>Purpose</th><th>Justification</th><th>Requested</th></tr>"
            for r in pending {
                body += "<tr><td>\(r.id)</td><td><a href=\"/products/\(HTML.url(r.productID))\">\(HTML.escape(r.productID))</a></td><td>\(HTML.escape(r.principal))</td>"
                body += "<td>\(HTML.escape(r.purpose))</td><td>\(HTML.escape(r.justification))</td><td>\(HTML.time(r.requestedAt))</td></tr>"
            }
            body += "</table><p class=\"muted\">Decide with <code>mesh approve ID</code> or <code>mesh deny ID --reason …</code> as an owner of the product's domain.</p>"
        }
        var rejections: [RejectedPublish] = []
        var revoked: [ProductVersion] = []
        for product in try service.products() {
            rejections += try service.rejections(product.id)
            revoked += try service.versions(product.id).filter { $0.status == .revoked }
        }
        rejections.sort { $0.attemptedAt > $1.attemptedAt }
        body += "<h2>Publishes rejected by checks and policies (\(rejections.count))</h2>"
        if rejections.isEmpty {
            body += "<p class=\"muted\">None.</p>"
        } else {
            body += "<table><tr><th>Product</th><th>When</th><th>By</th><th>Rows</th><th>Failed checks</th></tr>"
            for r in rejections {
                let results = (try? JSONDecoder().decode([CheckResult].self, from: Data(r.checks.utf8))) ?? []
                let failed = results.filter(\.isBlocking)
                let lines = failed.isEmpty ? HTML.escape(r.reason)
                    : failed.prefix(8).map { result in
                        let what = HTML.escape((result.column.map { "\($0): " } ?? "") + result.name)
                        return result.message.isEmpty ? "\(what) — observed \(HTML.escape(result.observed)), expected \(HTML.escape(result.expected))"
                            : "\(what) — \(HTML.escape(result.message))"
                    }.joined(separator: "<br>")
                body += "<tr><td><a href=\"/products/\(HTML.url(r.productID))\">\(HTML.escape(r.productID))</a></td><td>\(HTML.time(r.attemptedAt))</td>"
                body += "<td>\(HTML.escape(r.attemptedBy))</td><td>\(r.rowCount)</td><td>\(lines)</td></tr>"
            }
            body += "</table>"
        }
        body += "<h2>Revoked versions (\(revoked.count))</h2>"
        if revoked.isEmpty { return body + "<p class=\"muted\">None.</p>" }
        body += "<table><tr><th>Version</th><th>Reason</th><th>Published</th></tr>"
        for v in revoked {
            body += "<tr><td><a href=\"/products/\(HTML.url(v.productID))\">\(HTML.escape(v.productID))</a>@\(v.version)</td><td>\(HTML.escape(v.revokedReason ?? ""))</td><td>\(HTML.time(v.publishedAt))</td></tr>"
        }
        return body + "</table>"
    }

    /// `/events`: the newest events the caller may see (all for admin and governance, else
    /// the feed of the caller's team and name), newest first.
    func events(for principal: Principal, limit: Int = 200) throws(MeshError) -> String {
        let all = principal.roles.contains(.admin) || principal.roles.contains(.governance)
        var events: [MeshEvent]
        if all {
            events = try service.events()
        } else {
            var byID: [Int64: MeshEvent] = [:]
            for name in Set([principal.name] + (principal.team.map { [$0] } ?? [])) {
                for event in try service.events(consumer: name) { byID[event.id] = event }
            }
            events = Array(byID.values)
        }
        events.sort { $0.id > $1.id }
        let scope = all ? "every event in the mesh" : "the feed of \(principal.team.map { "\($0) and " } ?? "")\(principal.name)"
        var body = "<h1>Events</h1><p class=\"muted\">Newest first: \(HTML.escape(scope)) (at most \(limit)). Subscribe with <code>mesh subscribe</code>; follow with <code>mesh events --follow</code>.</p>"
        body += "<table><tr><th>#</th><th>Time</th><th>Severity</th><th>Kind</th><th>Product</th><th>Message</th></tr>"
        for e in events.prefix(limit) {
            let product = e.productID.map { "<a href=\"/products/\(HTML.url($0))\">\(HTML.escape($0))</a>\(e.version.map { "@\($0)" } ?? "")" } ?? ""
            body += "<tr><td>\(e.id)</td><td>\(HTML.time(e.time))</td><td>\(HTML.badge(e.severity, e.severity))</td><td>\(HTML.escape(e.kind))</td><td>\(product)</td><td>\(HTML.escape(e.message))</td></tr>"
        }
        return body + "</table>"
    }

    /// `/login`: the sign-in form (an API token from `mesh token create`).
    static func login(next: String, problem: String?) -> String {
        var body = "<h1>Sign in</h1><p class=\"muted\">Paste an API token (create one with <code>mesh token create PRINCIPAL</code>). It is kept in an HttpOnly cookie for this site only.</p>"
        if let problem { body += "<p>\(HTML.badge("error", "error")) \(HTML.escape(problem))</p>" }
        body += "<form class=\"login\" method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\"\(HTML.escape(next))\">"
        body += "<input type=\"password\" name=\"token\" placeholder=\"mesh_…\" autocomplete=\"off\" required> <button type=\"submit\">Sign in</button></form>"
        return body
    }
}
