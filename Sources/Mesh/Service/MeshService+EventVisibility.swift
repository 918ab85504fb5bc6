import Catalog
import Foundation

extension MeshService {
    /// Whether `caller` may see every event: administrators and governance.
    func seesEveryEvent(_ caller: Principal) -> Bool {
        !caller.roles.isDisjoint(with: [.admin, .governance])
    }

    /// The event feed as ``eventDeliveries(consumer:product:after:limit:)``, narrowed to what
    /// `caller` may see.
    ///
    /// Administrators and governance see every event. Anyone else sees an event delivered to
    /// it or its team (the consumer names it subscribes with are its own name or team), and every
    /// event about a product of a domain its team owns (owners and producers follow their own
    /// products). `limit` counts visible events.
    public func eventDeliveries(consumer: String? = nil, product: String? = nil, after: Int64? = nil, limit: Int? = nil,
                                visibleTo caller: Principal) throws(MeshError) -> [EventDeliveries] {
        if let limit, limit < 0 { throw MeshError(.invalidInput, "the limit must be 0 or more, not \(limit)", context: "limit") }
        if seesEveryEvent(caller) { return try eventDeliveries(consumer: consumer, product: product, after: after, limit: limit) }
        let names = Set([caller.name] + (caller.team.map { [$0] } ?? []))
        let ownedDomains = Set(try domains().filter { actsFor($0, caller) }.map(\.name))
        var visible: [EventDeliveries] = []
        for entry in try eventDeliveries(consumer: consumer, product: product, after: after) {
            let addressed = entry.deliveries.contains { names.contains($0.recipient) }
            let owned = entry.event.productID.map { ownedDomains.contains(String($0.split(separator: ".").first ?? "")) } ?? false
            guard addressed || owned else { continue }
            var shown = entry
            if !owned { shown.deliveries = entry.deliveries.filter { names.contains($0.recipient) } }
            visible.append(shown)
            if let limit, visible.count >= limit { break }
        }
        return visible
    }

    /// The deliveries of event `id` that `caller` may see (all of them for administrators,
    /// governance and the owners of the event's product; else only its own).
    ///
    /// - Throws: ``MeshError/Kind/notFound`` when the event does not exist or `caller` may not see it.
    public func deliveries(eventID: Int64, visibleTo caller: Principal) throws(MeshError) -> [Delivery] {
        let all = try deliveries(eventID: eventID)
        if seesEveryEvent(caller) { return all }
        guard let event = try read({ t throws(CatalogError) in try t.events(EventQuery(afterID: eventID - 1, limit: 1)) }).first,
              event.id == eventID else {
            throw MeshError(.notFound, "no event \(eventID)", context: "event:\(eventID)")
        }
        let names = Set([caller.name] + (caller.team.map { [$0] } ?? []))
        if let productID = event.productID, let domainName = productID.split(separator: ".").first,
           let owning = try? self.domain(String(domainName)), actsFor(owning, caller) {
            return all
        }
        let own = all.filter { names.contains($0.recipient) }
        guard !own.isEmpty else { throw MeshError(.notFound, "no event \(eventID) addressed to \(caller.name)", context: "event:\(eventID)") }
        return own
    }
}
