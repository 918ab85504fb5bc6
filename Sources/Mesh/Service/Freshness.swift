import Catalog
import Contracts
import Foundation

/// How fresh a product's data is against its contract's latency SLA.
///
/// The SLA is the contract's first `latency` service level (ODCS `slaProperties`, synonyms
/// `ly` and `freshness`; a missing unit means days). The data's age is measured from the newest
/// event time of the latest published version (``ProductVersion/newestEventTime``, set when the
/// contract has an event-time column), or from that version's publish time when there is none.
public struct Freshness: Sendable, Hashable, Codable {
    /// Where a product stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Within the SLA.
        case fresh
        /// Older than the SLA allows: a breach.
        case stale
        /// The contract promises no latency.
        case noSLA = "no-sla"
        /// Nothing usable has been published yet, so there is no age to measure.
        case unpublished
        /// The SLA cannot be read (no number or unknown unit).
        case invalidSLA = "invalid-sla"
    }

    /// What the data's age is measured from.
    public enum Basis: String, Sendable, Hashable, Codable {
        /// The newest value of the contract's event-time column.
        case eventTime = "event-time"
        /// The version's publish time (no event-time column).
        case publishTime = "publish-time"
    }

    /// The product id.
    public var productID: String
    /// Where it stands.
    public var status: Status
    /// The version measured, if any.
    public var version: Int?
    /// What the age is measured from, when measured.
    public var basis: Basis?
    /// The instant the age is measured from, when measured.
    public var newest: Date?
    /// The data's age in seconds at ``measuredAt`` (negative when event times are in the future).
    public var lag: TimeInterval?
    /// The SLA's limit in seconds, when readable.
    public var limit: TimeInterval?
    /// When it was measured.
    public var measuredAt: Date
    /// One line for people.
    public var message: String

    /// Whether this is an SLA breach.
    public var isBreach: Bool { status == .stale }

    /// Creates a status record.
    public init(productID: String, status: Status, version: Int? = nil, basis: Basis? = nil, newest: Date? = nil, lag: TimeInterval? = nil,
                limit: TimeInterval? = nil, measuredAt: Date, message: String) {
        self.productID = productID
        self.status = status
        self.version = version
        self.basis = basis
        self.newest = newest
        self.lag = lag
        self.limit = limit
        self.measuredAt = measuredAt
        self.message = message
    }

    /// Evaluates `productID`'s freshness at `now` from its contract's SLAs and its versions.
    ///
    /// - Parameter versions: the product's versions in any order; revoked ones are ignored and
    ///   the newest published one is measured.
    public static func evaluate(productID: String, slaProperties: [ServiceLevel], versions: [ProductVersion], now: Date) -> Freshness {
        guard let sla = slaProperties.first(.latency) else {
            return Freshness(productID: productID, status: .noSLA, measuredAt: now, message: "the contract has no latency SLA")
        }
        guard let limit = sla.seconds, limit > 0 else {
            return Freshness(productID: productID, status: .invalidSLA, measuredAt: now,
                             message: "the latency SLA needs a positive number and a duration unit (value \(sla.value.scalarText ?? "none"), unit \(sla.unitName ?? "none"))")
        }
        guard let latest = versions.filter({ $0.status == .published }).max(by: { $0.version < $1.version }) else {
            return Freshness(productID: productID, status: .unpublished, limit: limit, measuredAt: now,
                             message: "no published version yet; the \(describe(limit)) latency SLA applies from the first publish")
        }
        let basis: Basis = latest.newestEventTime == nil ? .publishTime : .eventTime
        let newest = latest.newestEventTime ?? latest.publishedAt
        let lag = now.timeIntervalSince(newest)
        let stale = lag > limit
        let what = basis == .eventTime ? "newest event" : "last publish"
        let message = stale
            ? "version \(latest.version) is \(describe(lag)) old (\(what)), beyond its \(describe(limit)) latency SLA by \(describe(lag - limit))"
            : "version \(latest.version) is \(describe(max(0, lag))) old (\(what)), within its \(describe(limit)) latency SLA"
        return Freshness(productID: productID, status: stale ? .stale : .fresh, version: latest.version, basis: basis, newest: newest,
                         lag: lag, limit: limit, measuredAt: now, message: message)
    }

    /// A duration for people: `45 s`, `12.5 min`, `3.2 h`, `4.1 d`.
    public static func describe(_ seconds: TimeInterval) -> String {
        let s = abs(seconds)
        let sign = seconds < 0 ? "-" : ""
        func one(_ v: Double) -> String {
            let r = (v * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) : String(r)
        }
        if s < 120 { return sign + String(Int(s.rounded())) + " s" }
        if s < 7_200 { return sign + one(s / 60) + " min" }
        if s < 172_800 { return sign + one(s / 3_600) + " h" }
        return sign + one(s / 86_400) + " d"
    }
}
