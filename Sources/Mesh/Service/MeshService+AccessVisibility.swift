import Catalog
import Foundation

extension MeshService {
    /// Whether `caller` may see who holds access to `productID`: administrators, governance
    /// and the team owning the product's domain.
    func overseesAccess(to productID: String, _ caller: Principal, owned: Set<String>) -> Bool {
        seesEveryEvent(caller) || owned.contains(String(productID.split(separator: ".").first ?? ""))
    }

    /// The domains whose team `caller` acts for.
    func domainsActedFor(by caller: Principal) throws(MeshError) -> Set<String> {
        Set(try domains().filter { actsFor($0, caller) }.map(\.name))
    }

    /// ``grants(productID:principal:includeExpired:)`` narrowed to what `caller` may see: every
    /// grant for administrators and governance, the grants on its domains' products for their
    /// owning team, and its own (held by its name or team) for anyone.
    public func grants(productID: String? = nil, principal: String? = nil, includeExpired: Bool = false,
                       visibleTo caller: Principal) throws(MeshError) -> [Grant] {
        let owned = try domainsActedFor(by: caller)
        return try grants(productID: productID, principal: principal, includeExpired: includeExpired).filter {
            overseesAccess(to: $0.productID, caller, owned: owned) || $0.principal == caller.name || $0.principal == caller.team
        }
    }

    /// ``accessRequests(status:)`` narrowed to what `caller` may see: every request for
    /// administrators and governance, the requests for its domains' products for their owning
    /// team (who decide them), and its own.
    public func accessRequests(status: AccessRequestRecord.Status? = nil, visibleTo caller: Principal) throws(MeshError) -> [AccessRequestRecord] {
        let owned = try domainsActedFor(by: caller)
        return try accessRequests(status: status).filter {
            overseesAccess(to: $0.productID, caller, owned: owned) || $0.principal == caller.name
        }
    }
}
