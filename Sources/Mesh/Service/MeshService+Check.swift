import Catalog
import Foundation

/// The outcome of checking one product's freshness.
public struct FreshnessCheck: Sendable, Hashable, Codable {
    /// The measurement.
    public var freshness: Freshness
    /// The event this check raised (`freshness.breach` or `freshness.recovered`), if any.
    public var raised: MeshEvent?
    /// While stale: when the breach episode was first alerted (by this check or an earlier one).
    public var breachAlertedAt: Date?

    /// Creates an outcome.
    public init(freshness: Freshness, raised: MeshEvent? = nil, breachAlertedAt: Date? = nil) {
        self.freshness = freshness
        self.raised = raised
        self.breachAlertedAt = breachAlertedAt
    }
}

extension MeshService {
    /// Measures the freshness of every product (or `productID`'s) now against its contract's
    /// latency SLA, and raises alerts.
    ///
    /// A stale product raises `freshness.breach` (error) to its producer and every subscriber,
    /// feed and webhook, **once per breach episode**: while the last breach alert is for the same
    /// version and no `freshness.recovered` followed it, the episode is ongoing and nothing new is
    /// raised. A product found fresh again after a breach raises `freshness.recovered` (info),
    /// closing the episode; a newer stale version starts a new one. Each product is measured and
    /// alerted in one transaction, so concurrent checks (the CLI and the server's monitor) alert once.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` for an unknown product.
    public func check(productID: String? = nil) throws(MeshError) -> [FreshnessCheck] {
        let ids: [String]
        if let productID { ids = [try product(productID).id] } else { ids = try products().map(\.id) }
        var results: [FreshnessCheck] = []
        for id in ids {
            let time = now()
            let outcome = try write { t throws(CatalogError) -> FreshnessCheck? in
                guard try t.product(id) != nil else { return nil }
                let yaml = try t.contract(productID: id, version: nil)?.yaml ?? ""
                // An unreadable contract has no SLA to check.
                let slas = parsed.contractIfValid(yaml: yaml)?.slaProperties ?? []
                let freshness = Freshness.evaluate(productID: id, slaProperties: slas, versions: try t.versions(productID: id), now: time)
                return try Self.alert(freshness, in: t)
            }
            if let outcome { results.append(outcome) }
        }
        return results
    }

    /// Runs ``check(productID:)`` for every product every `interval` until the task is
    /// cancelled: the server's freshness monitor.
    ///
    /// Checks run on a dispatch queue of their own (the catalog calls block). Concurrent monitors and
    /// `mesh check` runs on the same mesh alert once per breach episode.
    ///
    /// - Parameter onCheck: called with each round's results (for metrics: lag per product) or its error.
    public func monitorFreshness(every interval: Duration = .seconds(60),
                                 onCheck: (@Sendable (Result<[FreshnessCheck], MeshError>) -> Void)? = nil) async {
        await Self.repeatedly(on: "meshwork.freshness-monitor", every: interval, onPass: onCheck) { () throws(MeshError) in try self.check() }
    }

    /// Runs `work` now and then every `interval` until the task is cancelled, each pass on a
    /// dispatch queue of its own named `label` (it gets a thread even when the shared pool's
    /// threads are all blocked by other work, so a busy server keeps the schedule); each pass's
    /// outcome goes to `onPass`.
    static func repeatedly<T: Sendable>(on label: String, every interval: Duration, onPass: (@Sendable (Result<T, MeshError>) -> Void)?,
                                        _ work: @escaping @Sendable () throws(MeshError) -> T) async {
        let queue = DispatchQueue(label: label)
        while !Task.isCancelled {
            let outcome = await withCheckedContinuation { (done: CheckedContinuation<Result<T, MeshError>, Never>) in
                queue.async {
                    do throws(MeshError) { done.resume(returning: .success(try work())) } catch { done.resume(returning: .failure(error)) }
                }
            }
            onPass?(outcome)
            try? await Task.sleep(for: interval)
        }
    }

    /// Raises the breach or recovery event `freshness` calls for, given the product's earlier alerts.
    static func alert(_ freshness: Freshness, in t: any CatalogTransaction) throws(CatalogError) -> FreshnessCheck {
        let history = try t.events(EventQuery(productID: freshness.productID)).filter { $0.kind == Self.breachKind || $0.kind == Self.recoveredKind }
        let open = history.last.flatMap { $0.kind == Self.breachKind ? $0 : nil }
        switch freshness.status {
        case .stale:
            if let open, open.version == freshness.version {
                return FreshnessCheck(freshness: freshness, breachAlertedAt: open.time)
            }
            let event = try EventRouter.raise(MeshEvent(time: freshness.measuredAt, kind: Self.breachKind, severity: "error", productID: freshness.productID,
                                                        version: freshness.version, message: "\(freshness.productID): \(freshness.message)",
                                                        detail: AuditDetail.json(BreachDetail(freshness))), in: t)
            return FreshnessCheck(freshness: freshness, raised: event, breachAlertedAt: event.time)
        case .fresh:
            guard let open else { return FreshnessCheck(freshness: freshness) }
            let event = try EventRouter.raise(MeshEvent(time: freshness.measuredAt, kind: Self.recoveredKind, severity: "info", productID: freshness.productID,
                                                        version: freshness.version,
                                                        message: "\(freshness.productID) is fresh again: \(freshness.message) (breach alerted \(Timestamp.iso(open.time)))",
                                                        detail: AuditDetail.json(BreachDetail(freshness))), in: t)
            return FreshnessCheck(freshness: freshness, raised: event)
        case .noSLA, .unpublished, .invalidSLA:
            return FreshnessCheck(freshness: freshness)
        }
    }

    /// The event kind of a freshness SLA breach.
    public static let breachKind = "freshness.breach"
    /// The event kind of the end of a breach.
    public static let recoveredKind = "freshness.recovered"

    private struct BreachDetail: Encodable {
        let status: String
        let version: Int?
        let basis: String?
        let newest: Date?
        let lagSeconds: Double?
        let limitSeconds: Double?
        let measuredAt: Date
        init(_ f: Freshness) {
            (status, version, basis, newest, lagSeconds, limitSeconds, measuredAt) = (f.status.rawValue, f.version, f.basis?.rawValue, f.newest, f.lag, f.limit, f.measuredAt)
        }
    }
}
