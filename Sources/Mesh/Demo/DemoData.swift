import Foundation

/// Deterministic sample data for `mesh demo`: the same rows on every run for a given
/// reference time (event times are relative to it so freshness checks hold).
///
/// Every table comes out as CSV text ready to publish.
public struct DemoData: Sendable {
    /// The instant the newest generated events happen at (the demo's "now", on the hour).
    public let now: Date
    /// How many customers to generate.
    public var customers = 2_000
    /// How many transactions to generate.
    public var transactions = 20_000

    /// Creates a generator whose newest event happens shortly before `now`.
    public init(now: Date) {
        self.now = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
    }

    static let countries = ["DE", "FR", "GB", "NL", "SE", "US"]
    static let segments = ["retail", "premium", "business"]
    static let categories = ["grocery", "travel", "electronics", "fashion", "restaurants", "fuel"]
    static let firstNames = ["Ada", "Bruno", "Chiara", "Dmitri", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Keiko", "Lars"]
    static let lastNames = ["Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ivanova", "Jensen", "Klein"]

    /// `customers.profiles`; with `ficoScale` ≠ 1 the bureau scores come out rescaled (the
    /// demo's glossary violation: scores above 850), everything else identical.
    public func profiles(ficoScale: Double = 1) -> String {
        var rng = DemoRandom(seed: 0xC057)
        var out = "customer_id,full_name,email,country,segment,fico_score,updated_at\n"
        for i in 0..<customers {
            let first = Self.firstNames[rng.below(Self.firstNames.count)]
            let last = Self.lastNames[rng.below(Self.lastNames.count)]
            let fico = rng.below(100) < 2 ? "" : String(Int((Double(580 + rng.below(240)) * ficoScale).rounded()))
            let updated = now.addingTimeInterval(-Double(rng.below(20 * 3600) + 600))
            out += "\(Self.customerID(i)),\(first) \(last),\(first.lowercased()).\(last.lowercased())\(i)@example.com,"
            out += "\(Self.countries[rng.below(Self.countries.count)]),\(Self.segments[rng.below(Self.segments.count)]),\(fico),\(Self.timestamp(updated))\n"
        }
        return out
    }

    /// `payments.transactions` for one batch (`batch` 1, 2... cover consecutive hours);
    /// with `drifted` the upstream processor's new export format: `amount` renamed to
    /// `amount_cents` (integer cents) and a `card_number` column added (schema drift).
    public func transactions(batch: Int = 1, drifted: Bool = false) -> String {
        var rng = DemoRandom(seed: 0x7A11 &+ UInt64(batch))
        var out = drifted ? "transaction_id,customer_id,merchant_category,amount_cents,currency,card_number,event_time\n"
                          : "transaction_id,customer_id,merchant_category,amount,currency,event_time\n"
        let currencies = ["EUR", "EUR", "EUR", "USD", "GBP", "SEK"]
        for i in 0..<transactions {
            let amount = (rng.unit() * rng.unit() * 400 + 2).rounded(toPlaces: 2)
            let time = now.addingTimeInterval(-Double(rng.below(5 * 3600)) - Double(batch == 1 ? 3600 : 0))
            let id = "tx-\(batch)-\(String(i, radix: 10))"
            out += "\(id),\(Self.customerID(rng.below(customers))),\(Self.categories[rng.below(Self.categories.count)]),"
            if drifted {
                out += "\(Int((amount * 100).rounded())),\(currencies[rng.below(currencies.count)]),4111-XXXX-XXXX-\(1000 + rng.below(9000)),"
            } else {
                out += "\(amount),\(currencies[rng.below(currencies.count)]),"
            }
            out += "\(Self.timestamp(time))\n"
        }
        return out
    }

    /// `fraud.risk_scores` for the transactions of `transactions(batch:)`.
    public func riskScores(batch: Int = 1) -> String {
        var rng = DemoRandom(seed: 0xF4A0 &+ UInt64(batch))
        var out = "transaction_id,risk_score,risk_band,model_version,scored_at\n"
        for i in 0..<transactions {
            let score = (rng.unit() * rng.unit() * rng.unit()).rounded(toPlaces: 4)
            let band = score < 0.2 ? "low" : score < 0.5 ? "medium" : score < 0.8 ? "high" : "critical"
            out += "tx-\(batch)-\(i),\(score),\(band),gbm-2026.11,\(Self.timestamp(now.addingTimeInterval(-Double(rng.below(3600)))))\n"
        }
        return out
    }

    /// `recommendations.merchant_affinity`: three categories per customer, computed two hours
    /// before `now`; each `refresh` recomputes it 90 minutes later with new weights.
    public func merchantAffinity(refresh: Int = 0) -> String {
        var rng = DemoRandom(seed: 0xAFF1 &+ UInt64(refresh))
        var out = "customer_id,merchant_category,affinity,computed_at\n"
        let computed = Self.timestamp(now.addingTimeInterval(-2 * 3600 + Double(refresh) * 5400))
        for i in 0..<customers {
            var weights = (0..<3).map { _ in rng.unit() + 0.05 }
            let total = weights.reduce(0, +)
            weights = weights.map { ($0 / total).rounded(toPlaces: 4) }
            var start = rng.below(Self.categories.count)
            for w in weights {
                out += "\(Self.customerID(i)),\(Self.categories[start % Self.categories.count]),\(w),\(computed)\n"
                start += 1
            }
        }
        return out
    }

    static func customerID(_ i: Int) -> String {
        let digits = String(i)
        return "C" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// ISO 8601 UTC, whole seconds (the demo's times are).
    static func timestamp(_ date: Date) -> String { Timestamp.iso(date) }
}

/// SplitMix64: a small, seedable, platform-independent generator so the demo's data is the
/// same everywhere.
struct DemoRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A value in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
