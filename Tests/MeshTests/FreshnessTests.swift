import Catalog
import Contracts
import Foundation
import Testing
@testable import Mesh

@Suite("Freshness")
struct FreshnessTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func version(_ n: Int, publishedHoursAgo: Double, eventHoursAgo: Double? = nil, status: ProductVersion.Status = .published) -> ProductVersion {
        ProductVersion(productID: "p.q", version: n, tag: "v\(n)", snapshots: [:], rowCount: 10, addedRows: 10, mode: "append", contractVersion: "1.0.0",
                       publishedAt: now.addingTimeInterval(-publishedHoursAgo * 3600), publishedBy: "alice",
                       newestEventTime: eventHoursAgo.map { now.addingTimeInterval(-$0 * 3600) }, statistics: "{}", checks: "[]", status: status)
    }

    static let oneDay = [ServiceLevel(.latency, value: 1, unit: .days)]

    @Test("event time within the SLA is fresh; beyond it, stale with lag and limit")
    func eventTime() {
        let fresh = Freshness.evaluate(productID: "p.q", slaProperties: Self.oneDay, versions: [Self.version(1, publishedHoursAgo: 1, eventHoursAgo: 20)], now: Self.now)
        #expect(fresh.status == .fresh && fresh.basis == .eventTime && abs(fresh.lag! - 20 * 3600) < 1e-6 && fresh.limit == 86_400 && !fresh.isBreach)
        let stale = Freshness.evaluate(productID: "p.q", slaProperties: Self.oneDay, versions: [Self.version(1, publishedHoursAgo: 1, eventHoursAgo: 30)], now: Self.now)
        #expect(stale.status == .stale && stale.isBreach && stale.version == 1)
        #expect(abs(stale.lag! - 30 * 3600) < 1e-6)
        #expect(stale.message == "version 1 is 30 h old (newest event), beyond its 24 h latency SLA by 6 h")
    }

    @Test("without an event time the publish time is the basis")
    func publishTime() {
        let f = Freshness.evaluate(productID: "p.q", slaProperties: [ServiceLevel(.latency, value: 2, unit: .hours)],
                                   versions: [Self.version(1, publishedHoursAgo: 3)], now: Self.now)
        #expect(f.status == .stale && f.basis == .publishTime && f.newest == Self.now.addingTimeInterval(-3 * 3600))
    }

    @Test("the newest published version is measured; revoked versions are ignored")
    func latestPublished() {
        let versions = [Self.version(1, publishedHoursAgo: 50, eventHoursAgo: 50), Self.version(2, publishedHoursAgo: 10, eventHoursAgo: 10),
                        Self.version(3, publishedHoursAgo: 1, eventHoursAgo: 1, status: .revoked)]
        let f = Freshness.evaluate(productID: "p.q", slaProperties: Self.oneDay, versions: versions.shuffled(), now: Self.now)
        #expect(f.version == 2 && f.status == .fresh)
        let onlyOld = Freshness.evaluate(productID: "p.q", slaProperties: Self.oneDay, versions: Array(versions.prefix(1)), now: Self.now)
        #expect(onlyOld.status == .stale)
    }

    @Test("no SLA, no version, unreadable SLA")
    func notMeasured() throws {
        #expect(Freshness.evaluate(productID: "p.q", slaProperties: [], versions: [Self.version(1, publishedHoursAgo: 900)], now: Self.now).status == .noSLA)
        #expect(Freshness.evaluate(productID: "p.q", slaProperties: Self.oneDay, versions: [], now: Self.now).status == .unpublished)
        let revokedOnly = [Self.version(1, publishedHoursAgo: 1, status: .revoked)]
        #expect(Freshness.evaluate(productID: "p.q", slaProperties: Self.oneDay, versions: revokedOnly, now: Self.now).status == .unpublished)
        let contract = try DataContract(yaml: "slaProperties:\n  - property: latency\n    value: soon\n")
        #expect(Freshness.evaluate(productID: "p.q", slaProperties: contract.slaProperties, versions: revokedOnly, now: Self.now).status == .invalidSLA)
    }

    @Test("SLAs read from contract YAML: synonyms, units, a missing unit means days")
    func fromYAML() throws {
        func status(_ sla: String, hoursAgo: Double) throws -> Freshness.Status {
            let contract = try DataContract(yaml: "apiVersion: v3.1.0\nkind: DataContract\nslaProperties:\n" + sla)
            return Freshness.evaluate(productID: "p.q", slaProperties: contract.slaProperties, versions: [Self.version(1, publishedHoursAgo: hoursAgo)],
                                      now: Self.now).status
        }
        #expect(try status("  - property: freshness\n    value: 30\n    unit: m\n", hoursAgo: 0.4) == .fresh)
        #expect(try status("  - property: freshness\n    value: 30\n    unit: m\n", hoursAgo: 0.6) == .stale)
        #expect(try status("  - property: ly\n    value: 2\n", hoursAgo: 47) == .fresh)
        #expect(try status("  - property: ly\n    value: 2\n", hoursAgo: 49) == .stale)
        #expect(try status("  - property: retention\n    value: 2\n", hoursAgo: 4900) == .noSLA)
    }

    @Test("durations read well")
    func durations() {
        #expect(Freshness.describe(45) == "45 s")
        #expect(Freshness.describe(750) == "12.5 min")
        #expect(Freshness.describe(3 * 3600) == "3 h")
        #expect(Freshness.describe(4.1 * 86_400) == "4.1 d")
        #expect(Freshness.describe(-90) == "-90 s")
    }
}
