import Columnar
import Foundation
import Testing
@testable import Quality

/// Generated tables shared by the profile, check and contract tests.
enum Fixture {
    static let schema = Schema([
        Field("id", .int64, nullable: false),
        Field("amount", .double),
        Field("country", .string),
        Field("ts", .timestamp(unit: .microseconds, utc: true)),
        Field("label", .int32),
        Field("price", .decimal(precision: 10, scale: 2)),
        Field("active", .boolean),
        Field("tags", .list(element: Field("element", .string))),
    ])
    static let countries = ["DE", "FR", "US", "GB", "NL", "ES", "IT", "PL", "SE", "JP"]
    /// 2026-01-01T00:00:00Z in microseconds.
    static let epoch: Int64 = 1_767_225_600_000_000

    /// Rows `start..<start+n`: deterministic values, every 50th amount null, every 7th country null.
    static func batch(_ start: Int, _ n: Int, amountShift: Double = 0) -> RecordBatch {
        var b = RecordBatchBuilder(schema: schema)
        var g = SplitMix(seed: UInt64(start) &+ 1)
        for i in start..<(start + n) {
            b.columns[0].append(int64: Int64(i))
            if i % 50 == 0 { try! b.columns[1].appendNull() } else {
                b.columns[1].append(double: Double(g.next() % 100_000) / 100 + amountShift)
            }
            if i % 7 == 0 { try! b.columns[2].appendNull() } else {
                // Skewed: country k with weight ~ 1/(k+1).
                let r = Int(g.next() % 2929)
                let k = [0, 1000, 1500, 1833, 2083, 2283, 2450, 2593, 2718, 2829].lastIndex { $0 <= r }!
                b.columns[2].append(string: countries[k])
            }
            b.columns[3].append(int64: epoch + Int64(i) * 1_000_000)
            b.columns[4].append(int32: Int32(i % 3))
            b.columns[5].append(decimal: Int128(i % 1000) * 25)
            b.columns[6].append(boolean: i % 4 == 0)
            try! b.columns[7].append(list: (0..<(i % 4)).map { .string("t\($0)") })
        }
        return b.finish()
    }
}

@Suite("Column and dataset profiles")
struct ProfileTests {
    @Test("exact figures on a known table")
    func exactFigures() throws {
        var profiler = try DatasetProfiler(schema: Fixture.schema, options: ProfileOptions(eventTimeColumn: "ts"))
        try profiler.add(Fixture.batch(0, 10_000))
        let p = profiler.profile
        #expect(p.rowCount == 10_000)
        let id = try #require(p.column(named: "id"))
        #expect(id.minimum == .integer(0) && id.maximum == .integer(9_999))
        #expect(id.mean == 4_999.5)
        #expect(abs(id.standardDeviation! - 2886.7513315) < 1e-6)
        #expect(abs(id.distinctCount - 10_000) < 150)
        #expect(abs(id.quantile(0.5)! - 5_000) < 200)
        let amount = try #require(p.column(named: "amount"))
        #expect(amount.nullCount == 200 && amount.valueCount == 9_800)
        let country = try #require(p.column(named: "country"))
        #expect(country.nullCount == 1_429)
        #expect(country.minimum == .string("DE") && country.maximum == .string("US"))
        #expect(country.distinctCount == 10)
        #expect(country.frequent!.maxError == 0)
        #expect(country.frequent!.top(1).first?.value == "DE")
        #expect(p.topValues(of: "country").map(\.value) == ["DE", "FR", "US", "GB", "NL", "ES", "IT", "PL", "SE", "JP"])
        #expect(country.frequent!.items.map(\.count).reduce(0, +) == 10_000 - 1_429)
        #expect(country.lengths?.minimum == 2 && country.lengths?.maximum == 2)
        let price = try #require(p.column(named: "price"))
        #expect(price.minimum == .decimal(unscaled: 0, scale: 2) && price.maximum == .decimal(unscaled: 24_975, scale: 2))
        #expect(price.maximum?.text == "249.75")
        let active = try #require(p.column(named: "active"))
        #expect(active.mean == 0.25 && active.frequent!.count(of: "true") == 2_500)
        let tags = try #require(p.column(named: "tags"))
        #expect(tags.lengths?.minimum == 0 && tags.lengths?.maximum == 3 && tags.lengths?.moments.mean == 1.5)
        let element = try #require(tags.elementProfile)
        #expect(element.count == 15_000 && element.distinctCount == 3)
        #expect(p.newestEventTime == Date(timeIntervalSince1970: 1_767_225_600 + 9_999))
    }

    @Test("merging per-batch profiles equals one pass: exact for counts, extremes and moments")
    func mergeMatchesSinglePass() throws {
        let options = ProfileOptions(eventTimeColumn: "ts")
        let whole = try DatasetProfiler.profile([Fixture.batch(0, 30_000)], schema: Fixture.schema, options: options)
        var merged = try DatasetProfile(schema: Fixture.schema, options: options)
        for start in stride(from: 0, to: 30_000, by: 4_321) {
            let part = try DatasetProfiler.profile([Fixture.batch(0, 30_000).slice(start..<min(start + 4_321, 30_000))],
                                                   schema: Fixture.schema, options: options)
            try merged.merge(part)
        }
        #expect(merged.rowCount == whole.rowCount)
        for (m, w) in zip(merged.columns, whole.columns) {
            #expect(m.count == w.count && m.nullCount == w.nullCount, "\(m.name)")
            #expect(m.minimum == w.minimum && m.maximum == w.maximum, "\(m.name)")
            #expect(m.distinct == w.distinct, "HyperLogLog merges exactly: \(m.name)")
            #expect(m.moments.count == w.moments.count)
            if let a = m.mean, let b = w.mean { #expect(abs(a - b) <= 1e-9 * max(1, abs(b)), "\(m.name)") }
            if let a = m.standardDeviation, let b = w.standardDeviation { #expect(abs(a - b) <= 1e-7 * max(1, b), "\(m.name)") }
            if let a = m.quantile(0.5), let b = w.quantile(0.5), let lo = w.quantile(0.48), let hi = w.quantile(0.52) {
                #expect(a >= lo && a <= hi, "median of \(m.name): \(a) vs \(b)")
            }
            #expect(m.frequent?.items == w.frequent?.items, "\(m.name)")
        }
        #expect(merged.newestEventTime == whole.newestEventTime)
    }

    @Test("JSON is stable and round-trips")
    func json() throws {
        let profile = try DatasetProfiler.profile([Fixture.batch(0, 5_000)], schema: Fixture.schema)
        let data = try profile.jsonData()
        let decoded = try DatasetProfile.decode(json: data)
        #expect(decoded == profile)
        #expect(try decoded.jsonData() == data)
        #expect(data.count < 120_000, "compact: \(data.count) bytes for 8 columns")
        #expect(throws: QualityError.self) { try DatasetProfile.decode(json: Data("{}".utf8)) }
    }

    @Test("floating point NaN is counted apart; infinities stay in min/max")
    func nan() throws {
        let schema = Schema([Field("x", .double)])
        var b = RecordBatchBuilder(schema: schema)
        for v in [1.0, .nan, -.infinity, 3.0, .nan] { b.columns[0].append(double: v) }
        let p = try DatasetProfiler.profile([b.finish()], schema: schema)
        let x = p.columns[0]
        #expect(x.nanCount == 2 && x.minimum == .double(-.infinity) && x.maximum == .double(3))
        #expect(try DatasetProfile.decode(json: p.jsonData()) == p)
    }

    @Test("rejects batches of another schema and unknown event-time columns")
    func mismatches() throws {
        var profiler = try DatasetProfiler(schema: Fixture.schema)
        let other = RecordBatch.empty(Schema([Field("id", .int32)]))
        #expect(throws: QualityError.self) { try profiler.add(other) }
        #expect(throws: QualityError.self) { try DatasetProfiler(schema: Fixture.schema, options: ProfileOptions(eventTimeColumn: "nope")) }
        #expect(throws: QualityError.self) { try DatasetProfiler(schema: Fixture.schema, options: ProfileOptions(eventTimeColumn: "id")) }
    }
}

@Suite("Drift (population stability index)")
struct DriftTests {
    func profile(shift: Double, start: Int = 0) throws -> DatasetProfile {
        try DatasetProfiler.profile([Fixture.batch(start, 20_000, amountShift: shift)], schema: Fixture.schema)
    }

    @Test("same distribution is stable; a shifted one is a major shift")
    func numeric() throws {
        let base = try profile(shift: 0)
        let same = try profile(shift: 0, start: 20_000)
        let shifted = try profile(shift: 400)
        let stable = try #require(DriftMeasure.measure(baseline: base.column(named: "amount")!, current: same.column(named: "amount")!))
        #expect(stable.psi < 0.02, "\(stable.psi)")
        #expect(stable.method == "histogram" && stable.bins.count == stable.baseline.count)
        let moved = try #require(DriftMeasure.measure(baseline: base.column(named: "amount")!, current: shifted.column(named: "amount")!))
        #expect(moved.psi > 0.25, "\(moved.psi)")
        #expect(abs(moved.current.reduce(0, +) - 1) < 1e-9)
    }

    @Test("categories: new mix of countries drifts, same mix does not")
    func categorical() throws {
        let base = try profile(shift: 0)
        let same = try profile(shift: 0, start: 20_000)
        #expect(DriftMeasure.measure(baseline: base.column(named: "country")!, current: same.column(named: "country")!)!.psi < 0.02)
        let schema = Schema([Field("country", .string)])
        var b = RecordBatchBuilder(schema: schema)
        for i in 0..<20_000 { b.columns[0].append(string: Fixture.countries[9 - (i % 3)]) }
        let other = try DatasetProfiler.profile([b.finish()], schema: schema)
        let d = try #require(DriftMeasure.measure(baseline: base.column(named: "country")!, current: other.columns[0]))
        #expect(d.psi > 1 && d.method == "categories")
    }

    @Test("discrete integers bin one value per bin")
    func discrete() throws {
        let p = try profile(shift: 0)
        #expect(p.column(named: "label")!.histogramEdges() == [0, 1])
        let h = try #require(p.column(named: "label")!.histogram(bins: 10))
        #expect(h.fractions.count == 3 && abs(h.fractions[0] - 1.0 / 3) < 0.02)
    }

    @Test("PSI formula on known fractions")
    func formula() {
        let v = DriftMeasure.psi([0.5, 0.5], [0.25, 0.75])
        #expect(abs(v - (-0.25 * log(0.5) + 0.25 * log(1.5))) < 1e-12)
        #expect(DriftMeasure.psi([0.2, 0.8], [0.2, 0.8]) == 0)
    }
}
