import Catalog
import Foundation
import Hummingbird
import Mesh

/// `/api/v1/policies`, `/glossary`, `/check`, `/retention`, `/audit`, `/stats`: governance and the mesh's health.
struct GovernanceRoutes: Sendable {
    let service: MeshService

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.post("policies") { request, context in
            let caller = try context.caller()
            let yaml = try await APIHandler.text(request, what: "policy bundle YAML")
            let dryRun = try APIHandler.flag(request, "dryRun") ?? false
            let source = APIHandler.query(request, "source") ?? "policy"
            return try await APIHandler.respond { try service.applyPolicy(yaml: yaml, source: source, dryRun: dryRun, by: caller) }
        }
        api.get("glossary") { _, context in
            _ = try context.caller()
            return try await APIHandler.respond { try service.glossary() }
        }
        api.get("glossary/{term}") { _, context in
            _ = try context.caller()
            let term = try APIHandler.path("term", context)
            return try await APIHandler.respond { try service.glossaryTerm(term) }
        }
        api.post("check") { request, context in
            _ = try context.caller()
            let product = APIHandler.query(request, "product")
            return try await APIHandler.respond { try service.check(productID: product) }
        }
        api.post("retention") { request, context in
            let caller = try context.caller()
            let product = APIHandler.query(request, "product")
            let dryRun = try APIHandler.flag(request, "dryRun") ?? false
            return try await APIHandler.respond { try service.applyRetention(productID: product, dryRun: dryRun, by: caller) }
        }
        api.get("audit") { request, context in
            let caller = try context.caller()
            let principal = APIHandler.query(request, "principal"), product = APIHandler.query(request, "product")
            let action = APIHandler.query(request, "action")
            let since = try APIHandler.time(request, "since")
            let limit = try APIHandler.number(request, "limit")
            // Loads answered before this request are in the log, even if still queued.
            try await service.flushAudit()
            return try await APIHandler.respond {
                try service.auditLog(principal: principal, productID: product, action: action, since: since, limit: limit, by: caller)
            }
        }
        api.get("stats") { request, context in
            _ = try context.caller()
            let product = APIHandler.query(request, "product")
            return try await APIHandler.respond { try service.stats(productID: product) }
        }
    }
}
