import Foundation
import Hummingbird

/// Building blocks of the web catalog's server-rendered pages: escaping, the page frame and
/// the HTML response.
enum HTML {
    /// `text` escaped for HTML text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// `text` percent-encoded for a path segment or query value.
    static func url(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A complete page: header with navigation and search, then `body`.
    static func page(_ title: String, signedIn: String?, _ body: String) -> String {
        let account = signedIn.map { "signed in as <b>\(escape($0))</b> · <a href=\"/logout\">sign out</a>" } ?? "<a href=\"/login\">sign in</a>"
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Meshwork</title><link rel="stylesheet" href="/style.css"></head>
        <body><header><a class="brand" href="/">Meshwork</a>
        <nav><a href="/">Products</a><a href="/glossary">Glossary</a><a href="/governance">Governance</a><a href="/events">Events</a></nav>
        <form action="/search" method="get"><input type="search" name="q" placeholder="Search products, columns, terms" aria-label="search"></form>
        <span class="account">\(account)</span></header>
        <main>\(body)</main>
        <footer>Meshwork data mesh catalog · pages show metadata only, never data values · JSON API at <code>/api/v1</code>, Iceberg REST catalog at <code>/v1</code></footer>
        </body></html>
        """
    }

    /// The HTML response for `html`.
    static func response(_ html: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'"
        for field in extra { headers.append(field) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A small status badge.
    static func badge(_ text: String, _ kind: String) -> String { "<span class=\"badge \(escape(kind))\">\(escape(text))</span>" }

    /// `date` as `2026-11-22 10:00 UTC`.
    static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// A duration as `3 h 20 min`.
    static func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds else { return "—" }
        let s = Int(seconds.rounded())
        if s < 120 { return "\(s) s" }
        if s < 7200 { return "\(s / 60) min" }
        if s < 172_800 { return "\(s / 3600) h \(s % 3600 / 60) min" }
        return "\(s / 86_400) d"
    }

    /// The catalog's style sheet (no external assets).
    static let css = """
    :root { --fg:#1d2433; --muted:#5d6b82; --line:#dde3ec; --bg:#f6f8fb; --accent:#2456c7; }
    * { box-sizing: border-box; }
    body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
    header { display:flex; gap:1.5rem; align-items:center; padding:.7rem 1.5rem; background:#fff; border-bottom:1px solid var(--line); flex-wrap:wrap; }
    header .brand { font-weight:700; font-size:1.15rem; color:var(--fg); text-decoration:none; }
    header nav a { margin-right:1rem; color:var(--muted); text-decoration:none; }
    header nav a:hover { color:var(--accent); }
    header form { flex:1; min-width:16rem; }
    header input[type=search] { width:100%; padding:.45rem .7rem; border:1px solid var(--line); border-radius:6px; font:inherit; }
    header .account { color:var(--muted); font-size:.9rem; }
    main { max-width:1180px; margin:1.5rem auto; padding:0 1.5rem; }
    footer { max-width:1180px; margin:2rem auto; padding:0 1.5rem; color:var(--muted); font-size:.85rem; }
    h1 { margin:.2rem 0 .3rem; font-size:1.6rem; } h2 { margin:1.8rem 0 .6rem; font-size:1.15rem; }
    .muted { color:var(--muted); } a { color:var(--accent); }
    .card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:1rem 1.2rem; margin-bottom:1rem; }
    .grid { display:grid; grid-template-columns:repeat(auto-fill, minmax(260px, 1fr)); gap:1rem; }
    table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); border-radius:8px; overflow:hidden; }
    th, td { text-align:left; padding:.45rem .7rem; border-bottom:1px solid var(--line); vertical-align:top; font-size:.92rem; }
    th { background:#eef2f8; font-weight:600; }
    .badge { display:inline-block; padding:.05rem .45rem; margin:0 .2rem .1rem 0; border-radius:999px; font-size:.78rem; background:#e8edf5; color:#334; }
    .badge.confidential, .badge.pii, .badge.restricted, .badge.rejected, .badge.revoked, .badge.stale, .badge.error { background:#fde5e5; color:#8a1c1c; }
    .badge.internal, .badge.warning, .badge.pending { background:#fff1d6; color:#7a4b00; }
    .badge.public, .badge.published, .badge.fresh, .badge.accepted, .badge.approved, .badge.info { background:#e0f4e6; color:#1c6b35; }
    .badge.term { background:#e7e9ff; color:#2b3394; }
    .kv { display:grid; grid-template-columns:max-content 1fr; gap:.2rem 1rem; }
    .kv dt { color:var(--muted); } .kv dd { margin:0; }
    details pre { background:#0f1625; color:#dbe4f3; padding:1rem; border-radius:6px; overflow:auto; font-size:.82rem; }
    svg text { font: 11px system-ui, sans-serif; fill:#5d6b82; }
    svg .node rect { fill:#fff; stroke:#9aa8bf; rx:6; } svg .node.root rect { stroke:#2456c7; stroke-width:2; }
    svg .node.revoked rect { stroke:#c23b3b; fill:#fff5f5; } svg .node text { fill:#1d2433; font-size:12px; }
    svg .edge { stroke:#9aa8bf; fill:none; } svg .chart-line { fill:none; stroke:#2456c7; stroke-width:2; }
    svg .chart-dot { fill:#2456c7; } svg .axis { stroke:#c7d0de; }
    .charts { display:flex; flex-wrap:wrap; gap:1rem; }
    form.login input { padding:.45rem .7rem; border:1px solid var(--line); border-radius:6px; font:inherit; width:28rem; max-width:100%; }
    form.login button { padding:.45rem 1rem; border:0; border-radius:6px; background:var(--accent); color:#fff; font:inherit; }
    """
}
