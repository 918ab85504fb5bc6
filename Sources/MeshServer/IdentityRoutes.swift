import Catalog
import Foundation
import Hummingbird
import Mesh

/// `/api/v1/whoami`, `/principals`, `/tokens`: who the caller is, the principals, new tokens.
struct IdentityRoutes: Sendable {
    let service: MeshService

    struct NewPrincipal: Decodable {
        let name: String
        let roles: [String]
        let team: String?
    }

    struct NewToken: Decodable {
        let principal: String
        let roles: [String]?
        let expires: Date?
    }

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.get("whoami") { _, context in try APIHandler.json(try context.caller()) }
        api.get("principals") { _, context in
            _ = try context.caller()
            return try await APIHandler.respond { try service.principals() }
        }
        api.post("principals") { request, context in
            let caller = try context.caller()
            let body = try await APIHandler.decode(NewPrincipal.self, request)
            let roles = try APIHandler.roles(body.roles)
            return try await APIHandler.respond(status: .created) {
                try service.createPrincipal(name: body.name, roles: roles, team: body.team, by: caller)
            }
        }
        api.post("tokens") { request, context in
            let caller = try context.caller()
            let body = try await APIHandler.decode(NewToken.self, request)
            let roles = try APIHandler.roles(body.roles ?? [])
            return try await APIHandler.respond(status: .created) {
                try service.createToken(for: body.principal, roles: roles, expires: body.expires, by: caller)
            }
        }
    }
}
