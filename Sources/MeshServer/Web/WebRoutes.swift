import Catalog
import Foundation
import Hummingbird
import Mesh

/// The web catalog: server-rendered HTML pages over the service (no JavaScript).
///
/// Product, domain, search and glossary pages are public and show metadata only, never data
/// values (no rows, no column minimums or maximums). `/governance` and `/events` need a
/// signed-in principal: `/login` takes an API token and keeps it in an HttpOnly, SameSite=Strict
/// cookie (`mesh_session`) that only these pages read; the JSON API and the Iceberg catalog
/// accept bearer tokens only.
public struct WebRoutes: Sendable {
    /// The mesh shown.
    public let service: MeshService

    /// The cookie holding a signed-in browser's token.
    static let cookie = "mesh_session"

    /// Creates the routes over `service`.
    public init(service: MeshService) { self.service = service }

    /// Whether `path` belongs to the web catalog (reachable without a bearer token; the pages
    /// that need a principal check the session cookie themselves).
    public static func isWebPath(_ path: String) -> Bool {
        path == "/" || path == "/style.css" || path == "/search" || path == "/glossary" || path == "/governance" || path == "/events"
            || path == "/login" || path == "/logout" || path.hasPrefix("/products/") || path.hasPrefix("/domains/") || path.hasPrefix("/glossary/")
    }

    /// Adds the pages to `router`.
    public func add(to router: Router<MeshRequestContext>) {
        let pages = WebPages(service: service)
        router.get("/") { request, _ in try render(request, "Data products") { try pages.home() } }
        router.get("style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=300"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: HTML.css)))
        }
        router.get("search") { request, _ in
            let text = request.uri.queryParameters.get("q") ?? ""
            return try render(request, "Search") { try pages.search(text) }
        }
        router.get("domains/{name}") { request, context in
            let name = try context.parameters.require("name")
            return try render(request, name) { try pages.domain(name) }
        }
        router.get("products/{id}") { request, context in
            let id = try context.parameters.require("id")
            return try render(request, id) { try pages.product(id) }
        }
        router.get("glossary") { request, _ in try render(request, "Glossary") { try pages.glossary() } }
        router.get("glossary/{term}") { request, context in
            let term = try context.parameters.require("term")
            return try render(request, term) { try pages.glossaryTerm(term) }
        }
        router.get("governance") { request, _ in
            guard let principal = signedIn(request) else { return Self.redirect("/login?next=%2Fgovernance") }
            guard !principal.roles.isDisjoint(with: [.admin, .governance, .owner]) else {
                return page(request, "Governance", "<h1>Governance</h1><p>\(HTML.badge("forbidden", "error")) The governance page is for governance, platform admins and domain owners; \(HTML.escape(principal.name)) is none of these.</p>", status: .forbidden)
            }
            return try render(request, "Governance") { try pages.governance() }
        }
        router.get("events") { request, _ in
            guard let principal = signedIn(request) else { return Self.redirect("/login?next=%2Fevents") }
            return try render(request, "Events") { try pages.events(for: principal) }
        }
        router.get("login") { request, _ in
            page(request, "Sign in", WebPages.login(next: Self.safeNext(request.uri.queryParameters.get("next")), problem: nil))
        }
        router.post("login") { request, context in
            let form = try await request.body.collect(upTo: 16 * 1024)
            let fields = Self.formFields(String(buffer: form))
            let next = Self.safeNext(fields["next"])
            guard let token = fields["token"]?.trimmingCharacters(in: .whitespaces), !token.isEmpty,
                  (try? service.authenticate(token: token)) != nil else {
                return page(request, "Sign in", WebPages.login(next: next, problem: "That token is not valid (expired, revoked or mistyped)."), status: .unauthorized)
            }
            var response = Self.redirect(next)
            response.headers[.setCookie] = "\(Self.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"
            return response
        }
        router.get("logout") { _, _ in
            var response = Self.redirect("/")
            response.headers[.setCookie] = "\(Self.cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
            return response
        }
    }

    /// The principal of the request's session cookie, if valid.
    func signedIn(_ request: Request) -> Principal? {
        guard let token = Self.cookieValue(request.headers[values: .cookie], Self.cookie) else { return nil }
        return try? service.authenticate(token: token)
    }

    /// A page: `body` rendered in the frame; a mesh error answers an HTML page with its status
    /// (404 for a missing product or term, 400 for a malformed name).
    func render(_ request: Request, _ title: String, _ body: () throws -> String) throws -> Response {
        do {
            return page(request, title, try body())
        } catch let error as MeshError {
            let heading = error.kind == .notFound ? "Not found" : "Cannot show this page"
            return page(request, heading, "<h1>\(heading)</h1><p>\(HTML.escape(error.message))</p><p><a href=\"/\">All products</a></p>",
                        status: HTTPResponse.Status(code: error.httpStatus))
        }
    }

    func page(_ request: Request, _ title: String, _ body: String, status: HTTPResponse.Status = .ok) -> Response {
        HTML.response(HTML.page(title, signedIn: signedIn(request)?.name, body), status: status)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A local path to return to after signing in (never another site).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    /// `application/x-www-form-urlencoded` fields.
    static func formFields(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ") }
            guard let key = parts.first?.removingPercentEncoding else { continue }
            out[key] = (parts.count > 1 ? parts[1] : "").removingPercentEncoding ?? ""
        }
        return out
    }

    /// The value of cookie `name` among `Cookie` header values.
    static func cookieValue(_ headers: [String], _ name: String) -> String? {
        for header in headers {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == name { return String(pair[1]) }
            }
        }
        return nil
    }
}
