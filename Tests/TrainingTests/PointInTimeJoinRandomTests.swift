import Columnar
import Testing
@testable import Training

/// Compares the join with a naive O(labels × features) reference on random inputs.
@Suite struct PointInTimeJoinRandomTests {
    struct Rng: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    struct FeatureRow { var key: Int64?; var event: Int64?; var known: Int64 }

    /// The reference: scan every feature row for every label.
    static func reference(labelKeys: [Int64?], labelTimes: [Int64?], features: [FeatureRow], ttl: Int64?, asOf: Bool) -> [Int64?] {
        zip(labelKeys, labelTimes).map { key, time in
            guard let key, let time else { return nil }
            var best: Int?
            for (r, f) in features.enumerated() {
                guard f.key == key, let e = f.event, e <= time, !asOf || f.known <= time else { continue }
                if let b = best {
                    let fb = features[b]
                    if (e, f.known, r) > (fb.event!, fb.known, b) { best = r }
                } else {
                    best = r
                }
            }
            guard let best else { return nil }
            if let ttl, time - features[best].event! > ttl { return nil }
            return Int64(best)
        }
    }

    @Test(arguments: [(1, false), (2, true), (3, false), (4, true), (5, true), (6, false)])
    func matchesNaiveReference(seed: Int, stringKeys: Bool) throws {
        var rng = Rng(state: UInt64(seed))
        for _ in 0..<8 {
            let entities = Int64.random(in: 1...12, using: &rng)
            let nl = Int.random(in: 0...120, using: &rng)
            let nf = Int.random(in: 0...200, using: &rng)
            let span: Int64 = Int64.random(in: 5...60, using: &rng)
            let asOf = Bool.random(using: &rng)
            let ttl: Int64? = Bool.random(using: &rng) ? Int64.random(in: 0...20, using: &rng) : nil
            let labelKeys: [Int64?] = (0..<nl).map { _ in Int.random(in: 0..<20, using: &rng) == 0 ? nil : Int64.random(in: 0..<entities, using: &rng) }
            let labelTimes: [Int64?] = (0..<nl).map { _ in Int.random(in: 0..<25, using: &rng) == 0 ? nil : Int64.random(in: 0...span, using: &rng) }
            let features: [FeatureRow] = (0..<nf).map { _ in
                let e: Int64? = Int.random(in: 0..<30, using: &rng) == 0 ? nil : Int64.random(in: 0...span, using: &rng)
                return FeatureRow(key: Int.random(in: 0..<30, using: &rng) == 0 ? nil : Int64.random(in: 0..<entities + 2, using: &rng),
                                  event: e, known: (e ?? 0) + Int64.random(in: 0...6, using: &rng) * (Bool.random(using: &rng) ? 1 : 0))
            }
            let keyType: DataType = stringKeys ? .string : .int64
            func key(_ k: Int64?) -> Value { k.map { stringKeys ? .string("entity-\($0)") : .int64($0) } ?? .null }
            let sec = DataType.timestamp(unit: .milliseconds, utc: true)
            let labels = try Fixtures.batch([Field("k", keyType), Field("t", sec), Field("i", .int64)],
                                            (0..<nl).map { [key(labelKeys[$0]), labelTimes[$0].map { .timestamp($0 * 1000, .milliseconds) } ?? .null, .int64(Int64($0))] })
            let featureBatch = try Fixtures.batch([Field("k", keyType), Field("t", sec), Field("row", .int64), Field("_known_at", sec)],
                                                  features.enumerated().map { r, f in
                                                      [key(f.key), f.event.map { .timestamp($0 * 1000, .milliseconds) } ?? .null, .int64(Int64(r)), .timestamp(f.known * 1000, .milliseconds)]
                                                  })
            let source = TrainingSetSpec.FeatureSource(product: "f.f", columns: ["row"], keys: [.init(feature: "k", label: "k")], eventTime: "t",
                                                       ttl: ttl.map { TimeSpan(seconds: $0) }, asOfKnownTime: asOf)
            let join = PointInTimeJoin(label: .init(product: "l.l", keys: ["k"], eventTime: "t", columns: ["i"]), features: [source])
            let cutsL = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: 0...nl, using: &rng) }
            let cutsF = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Int.random(in: 0...nf, using: &rng) }
            let out = try join.run(labels: Fixtures.split(labels, at: cutsL), features: [Fixtures.split(featureBatch, at: cutsF)])
            let got: [Int64?] = Fixtures.values(out.batches, "row").map { if case .int64(let v) = $0 { v } else { nil } }
            let want = Self.reference(labelKeys: labelKeys, labelTimes: labelTimes, features: features, ttl: ttl, asOf: asOf)
            #expect(got == want, "seed \(seed) asOf \(asOf) ttl \(String(describing: ttl))")
            #expect(Fixtures.values(out.batches, "i") == (0..<nl).map { .int64(Int64($0)) })
        }
    }
}
