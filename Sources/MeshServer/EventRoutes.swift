import Catalog
import Foundation
import Hummingbird
import Mesh

/// `/api/v1/subscriptions` and `/api/v1/events`: who follows a product, and the event feed
/// (narrowed to what the caller may see).
struct EventRoutes: Sendable {
    let service: MeshService

    struct NewSubscription: Decodable {
        let product: String
        let consumer: String
        let purpose: String
        let majorVersion: Int?
        let webhook: String?
    }

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.get("subscriptions") { request, context in
            _ = try context.caller()
            let product = APIHandler.query(request, "product")
            let consumer = APIHandler.query(request, "consumer")
            return try await APIHandler.respond { try service.subscriptions(productID: product, consumer: consumer) }
        }
        api.post("subscriptions") { request, context in
            let caller = try context.caller()
            let body = try await APIHandler.decode(NewSubscription.self, request)
            return try await APIHandler.respond(status: .created) {
                try service.subscribe(productID: body.product, consumer: body.consumer, purpose: body.purpose, majorVersion: body.majorVersion,
                                      webhook: body.webhook, by: caller)
            }
        }
        api.delete("subscriptions/{id}") { _, context in
            let caller = try context.caller()
            let id = try APIHandler.pathNumber("id", context)
            return try await APIHandler.respond { try service.unsubscribe(id: id, by: caller) }
        }
        api.get("events") { request, context in
            let caller = try context.caller()
            let filter = try Self.filter(request)
            return try await APIHandler.respond {
                try service.eventDeliveries(consumer: filter.consumer, product: filter.product, after: filter.after, limit: filter.limit,
                                            visibleTo: caller).map(\.event)
            }
        }
        api.get("events/deliveries") { request, context in
            let caller = try context.caller()
            let filter = try Self.filter(request)
            return try await APIHandler.respond {
                try service.eventDeliveries(consumer: filter.consumer, product: filter.product, after: filter.after, limit: filter.limit, visibleTo: caller)
            }
        }
        api.get("events/{id}/deliveries") { _, context in
            let caller = try context.caller()
            let id = try APIHandler.pathNumber("id", context)
            return try await APIHandler.respond { try service.deliveries(eventID: id, visibleTo: caller) }
        }
    }

    struct Filter {
        var consumer: String?
        var product: String?
        var after: Int64?
        var limit: Int?
    }

    static func filter(_ request: Request) throws(MeshError) -> Filter {
        Filter(consumer: APIHandler.query(request, "consumer"), product: APIHandler.query(request, "product"),
               after: try APIHandler.number(request, "after").map(Int64.init), limit: try APIHandler.number(request, "limit"))
    }
}
