import Columnar
import Contracts
import Foundation
import Governance
import Testing
@testable import Quality

/// A realistic contract over ``Fixture``'s table.
enum Contracts {
    static let orders = """
    apiVersion: v3.1.0
    kind: DataContract
    id: sales.orders
    name: Orders
    version: 1.2.0
    status: active
    domain: sales
    dataProduct: orders
    slaProperties:
      - property: latency
        value: 2
        unit: d
        element: orders.ts
    schema:
      - name: orders
        quality:
          - id: enough_rows
            metric: rowCount
            mustBeGreaterThan: 1000
          - id: no_duplicate_rows
            metric: duplicateValues
            arguments: { properties: [id, ts] }
            mustBe: 0
        properties:
          - name: id
            logicalType: integer
            physicalType: bigint
            primaryKey: true
            logicalTypeOptions: { minimum: 0 }
          - name: amount
            logicalType: number
            quality:
              - id: amount_nulls
                metric: nullValues
                unit: percent
                mustBeLessThan: 5
              - id: amount_p99
                type: custom
                engine: meshwork
                implementation:
                  metric: quantile
                  arguments: { quantile: 0.99 }
                  mustBeLessThan: 2000
              - id: amount_mean
                type: custom
                engine: meshwork
                implementation: { metric: mean, mustBeBetween: [400, 600] }
          - name: country
            logicalType: string
            logicalTypeOptions: { pattern: "^[A-Z]{2}$", maxLength: 2 }
            quality:
              - id: country_valid
                metric: invalidValues
                arguments: { validValues: [DE, FR, US, GB, NL, ES, IT, PL, SE, JP] }
                mustBe: 0
              - id: country_missing
                metric: missingValues
                arguments: { missingValues: [null, "", "N/A"] }
                unit: percent
                mustBeLessOrEqualTo: 20
                severity: warning
          - name: ts
            logicalType: timestamp
            required: true
          - name: label
            logicalType: integer
            logicalTypeOptions: { format: i32 }
          - name: price
            logicalType: number
            physicalType: decimal(10,2)
          - name: active
            logicalType: boolean
          - name: tags
            logicalType: array
            items: { logicalType: string }
          - name: note
            logicalType: string
            quality:
              - type: sql
                query: SELECT COUNT(*) FROM orders WHERE note IS NULL
                mustBe: 0
    """

    static func parse(_ text: String = orders) throws -> DataContract { try DataContract(yaml: text) }
}

@Suite("Contract checks")
struct ContractCheckTests {
    /// The fixture's newest ts is epoch + n − 1 seconds; `now` one hour later.
    static func options(rows: Int = 10_000, _ change: (inout QualityOptions) -> Void = { _ in }) -> QualityOptions {
        var o = QualityOptions(now: Date(timeIntervalSince1970: 1_767_225_600 + Double(rows) + 3_600))
        change(&o)
        return o
    }

    static func run(_ contract: DataContract, _ batches: [RecordBatch], _ options: QualityOptions) throws -> QualityReport {
        try ContractEvaluator.evaluate(contract: contract, batches: batches, schema: batches[0].schema, options: options)
    }

    @Test("a realistic contract on conforming data: every check has a result and nothing blocks")
    func realistic() throws {
        let report = try Self.run(Contracts.parse(), [Fixture.batch(0, 6_000), Fixture.batch(6_000, 4_000)], Self.options())
        let byID = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for failure in report.failures where failure.id != "schema.note" { Issue.record("unexpected failure: \(failure.id): \(failure.message)") }
        let blocking = report.blocking
        #expect(blocking, "the declared column 'note' is missing, an error")
        #expect(byID["schema.note"]?.passed == false && byID["schema.note"]?.observed == "missing")
        #expect(byID["schema.id"]?.passed == true)
        #expect(byID["unique.id"]?.passed == true && byID["unique.id"]?.kind == .uniqueness)
        #expect(byID["range.id"]?.passed == true)
        #expect(byID["required.ts"]?.passed == true)
        #expect(byID["pattern.country"]?.passed == true && byID["length.country"]?.passed == true)
        #expect(byID["freshness"]?.passed == true && byID["freshness"]?.column == "ts")
        #expect(byID["enough_rows"]?.observedValue == 10_000)
        #expect(byID["no_duplicate_rows"]?.passed == true)
        #expect(byID["amount_nulls"]?.observedValue == 2 && byID["amount_nulls"]?.passed == true)
        #expect(byID["amount_p99"]?.passed == true && byID["amount_mean"]?.passed == true)
        #expect(byID["country_valid"]?.passed == true)
        #expect(abs((byID["country_missing"]?.observedValue ?? 0) - 14.29) < 0.01)
        let sql = report.results.first { $0.source?.hasSuffix("properties[8].quality[0]") == true }
        #expect(sql?.skipped == true && sql?.passed == true)
        // One result per planned check, JSON-encodable with the blocking flag.
        let json = String(decoding: try report.jsonData(), as: UTF8.self)
        #expect(json.contains("\"blocking\":true"))
    }

    @Test("schema match reports missing, extra and mistyped columns")
    func schemaMatch() throws {
        let contract = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: 1.0.0
        status: active
        schema:
          - name: t
            properties:
              - { name: id, logicalType: string }
              - { name: amount, logicalType: number, physicalType: varchar(10) }
              - { name: label, logicalType: integer, logicalTypeOptions: { format: i8 } }
              - { name: gone, logicalType: string }
        """)
        let schema = Schema([Field("id", .int64), Field("amount", .double), Field("label", .int64), Field("extra", .string)])
        var b = RecordBatchBuilder(schema: schema)
        for i in 0..<300 {
            b.columns[0].append(int64: Int64(i)); b.columns[1].append(double: 1); b.columns[2].append(int64: Int64(i)); b.columns[3].append(string: "x")
        }
        let report = try Self.run(contract, [b.finish()], Self.options())
        let r = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(r["schema.id"]?.passed == false && r["schema.id"]!.message.contains("logicalType string"))
        #expect(r["schema.amount"]?.passed == false && r["schema.amount"]!.message.contains("physicalType"))
        #expect(r["schema.label"]?.passed == false && r["schema.label"]!.message.contains("format i8"))
        #expect(r["schema.gone"]?.observed == "missing" && r["schema.gone"]?.severity == .error)
        #expect(r["schema.extra"]?.passed == false && r["schema.extra"]?.severity == .warning)
        let blocking = report.blocking
        #expect(blocking)
    }

    @Test("distribution bounds catch nulls in required columns, duplicates, out-of-range values and pattern breaks on every value")
    func bounds() throws {
        let contract = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: 1.0.0
        status: active
        schema:
          - name: t
            properties:
              - { name: id, logicalType: integer, unique: true, required: true, logicalTypeOptions: { minimum: 0, exclusiveMaximum: 100 } }
              - { name: code, logicalType: string, logicalTypeOptions: { pattern: "^[a-z]+$", minLength: 2 } }
        """)
        let schema = Schema([Field("id", .int64), Field("code", .string)])
        var b = RecordBatchBuilder(schema: schema)
        // 1000 rows: ids 0..<1000 with 3 repeats of 5 and one null; codes all lowercase except one deep in the tail.
        for i in 0..<1_000 {
            if i == 500 { try b.columns[0].appendNull() } else { b.columns[0].append(int64: i >= 997 ? 5 : Int64(i)) }
            b.columns[1].append(string: i == 876 ? "Abc" : (i == 3 ? "a" : "abc\(String(repeating: "x", count: i % 5))"))
        }
        let report = try Self.run(contract, [b.finish()], Self.options())
        let r = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(r["required.id"]?.observedValue == 1)
        #expect(r["unique.id"]?.observedValue == 3)
        #expect(r["range.id"]?.observedValue == Double(1_000 - 100 - 1 - 3), "ids 100...996 fall outside [0, 100)")
        #expect(r["pattern.country"] == nil)
        #expect(r["pattern.code"]?.observedValue == 1 && r["pattern.code"]!.observed.contains("'Abc'"))
        #expect(r["length.code"]?.observedValue == 1)
        let blocking = report.blocking
        #expect(blocking)
    }

    @Test("every operator, in rows and percent, with error and warning severity", arguments: [
        ("mustBe: 20", true), ("mustBe: 21", false), ("mustNotBe: 20", false), ("mustNotBe: 3", true),
        ("mustBeGreaterThan: 19", true), ("mustBeGreaterThan: 20", false),
        ("mustBeGreaterOrEqualTo: 20", true), ("mustBeGreaterOrEqualTo: 21", false),
        ("mustBeLessThan: 21", true), ("mustBeLessThan: 20", false),
        ("mustBeLessOrEqualTo: 20", true), ("mustBeLessOrEqualTo: 19", false),
        ("mustBeBetween: [20, 30]", true), ("mustBeBetween: [0, 19]", false),
        ("mustNotBeBetween: [0, 19]", true), ("mustNotBeBetween: [10, 20]", false),
    ])
    func operators(clause: String, passes: Bool) throws {
        // 100 rows, 20 nulls: nullValues is 20 rows and 20 percent.
        let schema = Schema([Field("x", .int64)])
        var b = RecordBatchBuilder(schema: schema)
        for i in 0..<100 { if i % 5 == 0 { try b.columns[0].appendNull() } else { b.columns[0].append(int64: Int64(i)) } }
        let batch = b.finish()
        for (unit, severity) in [("rows", "error"), ("percent", "warning")] {
            let contract = try Contracts.parse("""
            apiVersion: v3.1.0
            kind: DataContract
            id: t
            version: 1.0.0
            status: active
            schema:
              - name: t
                properties:
                  - name: x
                    logicalType: integer
                    quality:
                      - { id: r, metric: nullValues, unit: \(unit), severity: \(severity), \(clause) }
            """)
            let report = try Self.run(contract, [batch], Self.options())
            let r = try #require(report.results.first { $0.id == "r" })
            #expect(r.passed == passes, "\(clause) in \(unit)")
            #expect(r.observedValue == 20)
            #expect(r.severity.rawValue == severity)
            let blocking = report.blocking
            #expect(blocking == (!passes && severity == "error"))
        }
    }

    @Test("missing, invalid and duplicate values are counted over every value")
    func libraryMetrics() throws {
        let contract = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: 1.0.0
        status: active
        schema:
          - name: t
            quality:
              - { id: rows, metric: rowCount, mustBeBetween: [1, 10] }
            properties:
              - name: s
                logicalType: string
                quality:
                  - { id: missing, metric: missingValues, arguments: { missingValues: [null, "", "N/A"] }, mustBe: 3 }
                  - { id: invalid, metric: invalidValues, arguments: { validValues: [a, b], pattern: "^[ab]$" }, mustBe: 2 }
                  - { id: dup, metric: duplicateValues, mustBe: 5 }
                  - { id: dup_pct, metric: duplicateValues, unit: percent, mustBeLessThan: 10 }
              - name: n
                logicalType: integer
                quality:
                  - { id: valid_n, metric: invalidValues, arguments: { validValues: [1, 2, 3] }, mustBe: 0 }
        """)
        let schema = Schema([Field("s", .string), Field("n", .int32)])
        var b = RecordBatchBuilder(schema: schema)
        for (s, n) in [("a", 1), ("b", 2), ("", 3), ("N/A", 1), ("a", 2), ("c", 3), ("b", 1), ("a", 9)] as [(String, Int32)] {
            b.columns[0].append(string: s); b.columns[1].append(int32: n)
        }
        try b.columns[0].appendNull(); b.columns[1].append(int32: 2)
        let report = try Self.run(contract, [b.finish()], Self.options())
        let r = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(r["rows"]?.passed == true && r["rows"]?.observedValue == 9)
        #expect(r["missing"]?.observedValue == 3 && r["missing"]?.passed == true)
        // "", "N/A" and "c" are neither a nor b.
        #expect(r["invalid"]?.observedValue == 3 && r["invalid"]?.passed == false)
        // 8 non-null values, 5 distinct (a, b, "", N/A, c): 3 repeats.
        #expect(r["dup"]?.observedValue == 3 && r["dup"]?.passed == false)
        #expect(abs(r["dup_pct"]!.observedValue! - 100.0 / 3) < 1e-9 && r["dup_pct"]?.passed == false)
        #expect(r["valid_n"]?.observedValue == 1 && r["valid_n"]!.observed.contains("'9'"))
    }

    @Test("freshness passes within the SLA and fails beyond it; publish time is the fallback")
    func freshness() throws {
        let contract = try Contracts.parse()
        let batch = Fixture.batch(0, 2_000)
        let fresh = try Self.run(contract, [batch], Self.options(rows: 2_000))
        #expect(fresh.results.first { $0.id == "freshness" }?.passed == true)
        let stale = try Self.run(contract, [batch], Self.options(rows: 2_000) { $0.now += 3 * 86_400 })
        let f = try #require(stale.results.first { $0.id == "freshness" })
        #expect(!f.passed && f.severity == .error && f.message.contains("beyond"))
        // Event times ahead of the clock are reported (as a warning), not silently called fresh.
        let future = try Self.run(contract, [batch], Self.options(rows: 2_000) { $0.now -= 3 * 86_400 })
        let ahead = try #require(future.results.first { $0.id == "freshness" })
        #expect(!ahead.passed && ahead.severity == .warning && ahead.message.contains("in the future"))
        #expect(!future.blocking || future.failures.contains { $0.id != "freshness" })
        // Without a timestamp column the last publish time is used.
        let noTime = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: 1.0.0
        status: active
        slaProperties: [{ property: latency, value: 6, unit: h }]
        schema: [{ name: t, properties: [{ name: x, logicalType: integer }] }]
        """)
        let schema = Schema([Field("x", .int64)])
        var b = RecordBatchBuilder(schema: schema)
        b.columns[0].append(int64: 1)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let published = try Self.run(noTime, [b.finish()], QualityOptions(now: now, lastPublished: now - 7 * 3_600))
        #expect(published.results.first { $0.id == "freshness" }?.passed == false)
        var b2 = RecordBatchBuilder(schema: schema)
        b2.columns[0].append(int64: 1)
        let unknown = try Self.run(noTime, [b2.finish()], QualityOptions(now: now))
        #expect(unknown.results.first { $0.id == "freshness" }?.skipped == true)
    }

    @Test("meshwork statistics rules: min, max, stddev, distinctCount, freshness and failing bounds")
    func meshworkRules() throws {
        let contract = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: 1.0.0
        status: active
        schema:
          - name: t
            quality:
              - { id: fresh, type: custom, engine: meshwork, implementation: { metric: freshness, arguments: { column: ts }, mustBeLessThan: 2, unit: h } }
            properties:
              - name: id
                logicalType: integer
                quality:
                  - { id: min, type: custom, engine: meshwork, implementation: { metric: min, mustBeGreaterOrEqualTo: 0 } }
                  - { id: max, type: custom, engine: meshwork, implementation: { metric: max, mustBeLessThan: 5000 } }
                  - { id: sd, type: custom, engine: meshwork, implementation: { metric: stddev, mustBeBetween: [2800, 2900] } }
                  - { id: nd, type: custom, engine: meshwork, implementation: { metric: distinctCount, mustBeGreaterThan: 9000 } }
              - name: amount
                logicalType: number
                quality:
                  - { id: drift, type: custom, engine: meshwork, implementation: { metric: drift, mustBeLessThan: 0.1 } }
        """)
        let report = try Self.run(contract, [Fixture.batch(0, 10_000)], Self.options())
        let r = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(r["min"]?.passed == true && r["max"]?.passed == false && r["max"]?.observed == "max 9999")
        #expect(r["sd"]?.passed == true && r["nd"]?.passed == true)
        #expect(r["fresh"]?.passed == true && abs(r["fresh"]!.observedValue! - 1.0003) < 0.001)
        #expect(r["drift"]?.skipped == true, "no previous version")
        let base = report.profile
        let shifted = try Self.run(contract, [Fixture.batch(0, 10_000, amountShift: 500)], Self.options { $0.baseline = base })
        let d = try #require(shifted.results.first { $0.id == "drift" })
        #expect(!d.passed && d.kind == .drift && d.observedValue! > 0.25)
    }

    @Test("glossary and policy constraints: fico_score outside 300–850 is rejected")
    func constraints() throws {
        let contract = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: risk.scores
        version: 1.0.0
        status: active
        schema:
          - name: scores
            properties:
              - { name: fico, logicalType: integer, authoritativeDefinitions: [{ type: glossaryTerm, url: "glossary:fico_score" }] }
              - { name: grade, logicalType: string }
              - { name: email, logicalType: string }
        """)
        let schema = Schema([Field("fico", .int32), Field("grade", .string), Field("email", .string)])
        var b = RecordBatchBuilder(schema: schema)
        for i in 0..<1_000 {
            b.columns[0].append(int32: i == 10 ? 250 : (i == 20 ? 900 : Int32(300 + i % 551)))
            b.columns[1].append(string: ["A", "B", "C", i == 999 ? "Z" : "A"][i % 4])
            if i % 10 == 0 { try b.columns[2].appendNull() } else { b.columns[2].append(string: "u\(i)@example.com") }
        }
        let constraints = [
            ColumnConstraint(ruleID: "glossary.fico_score", product: "risk.scores", object: "scores", column: "fico",
                             requirement: .range(minimum: 300, maximum: 850), reason: "bound to glossary term fico_score"),
            ColumnConstraint(ruleID: "glossary.grade", product: "risk.scores", object: "scores", column: "grade",
                             requirement: .allowedValues([.string("A"), .string("B"), .string("C")]), reason: "bound to glossary term grade"),
            ColumnConstraint(ruleID: "policy.email-format", product: "risk.scores", object: "scores", column: "email",
                             requirement: .pattern("^[^@]+@[^@]+$"), severity: .warning, reason: "emails are well-formed"),
            ColumnConstraint(ruleID: "policy.pii-null-rate", product: "risk.scores", object: "scores", column: "email",
                             requirement: .maximumNullPercent(5), reason: "PII columns are at most 5 % null"),
            ColumnConstraint(ruleID: "policy.unique-email", product: "risk.scores", object: "scores", column: "email",
                             requirement: .unique, reason: "one row per customer"),
        ]
        let report = try Self.run(contract, [b.finish()], Self.options { $0.constraints = constraints })
        let r = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let fico = try #require(r["glossary.fico_score"])
        #expect(!fico.passed && fico.kind == .glossary && fico.observedValue == 2 && fico.observed.contains("250…900"))
        #expect(r["glossary.grade"]?.observedValue == 1 && r["glossary.grade"]!.observed.contains("'Z'"))
        #expect(r["policy.email-format"]?.passed == true && r["policy.email-format"]?.kind == .policy)
        #expect(r["policy.pii-null-rate"]?.passed == false && r["policy.pii-null-rate"]?.observedValue == 10)
        #expect(r["policy.unique-email"]?.passed == true)
        let blocking = report.blocking
        #expect(blocking)
    }

    @Test("automatic drift: warn and fail thresholds, keys and event time excluded")
    func automaticDrift() throws {
        let contract = try Contracts.parse()
        let base = try Self.run(contract, [Fixture.batch(0, 20_000)], Self.options(rows: 20_000)).profile
        let same = try Self.run(contract, [Fixture.batch(20_000, 20_000)], Self.options(rows: 40_000) { $0.baseline = base })
        let driftIDs = same.results.filter { $0.kind == .drift }.map(\.id)
        #expect(!driftIDs.contains("drift.id") && !driftIDs.contains("drift.ts") && driftIDs.contains("drift.amount"))
        #expect(same.results.filter { $0.kind == .drift && !$0.passed && !$0.skipped }.isEmpty)
        let moved = try Self.run(contract, [Fixture.batch(0, 20_000, amountShift: 300)], Self.options(rows: 20_000) { $0.baseline = base })
        let amount = try #require(moved.results.first { $0.id == "drift.amount" })
        #expect(!amount.passed && amount.severity == .error)
        let lenient = try Self.run(contract, [Fixture.batch(0, 20_000, amountShift: 300)],
                                   Self.options(rows: 20_000) { $0.baseline = base; $0.drift = DriftThresholds(warn: 0.1, fail: 100) })
        #expect(lenient.results.first { $0.id == "drift.amount" }?.severity == .warning)
    }

    @Test("automatic drift is skipped below the minimum sample on either side")
    func automaticDriftNeedsASample() throws {
        let contract = try Contracts.parse()
        let base = try Self.run(contract, [Fixture.batch(0, 20_000)], Self.options(rows: 20_000)).profile
        let few = try Self.run(contract, [Fixture.batch(0, 40, amountShift: 300)], Self.options(rows: 40) { $0.baseline = base })
        let amount = try #require(few.results.first { $0.id == "drift.amount" })
        #expect(amount.skipped && amount.passed && amount.message.contains("too few values"))
        let strict = try Self.run(contract, [Fixture.batch(0, 40, amountShift: 300)],
                                  Self.options(rows: 40) { $0.baseline = base; $0.drift = DriftThresholds(minimumValues: 10) })
        #expect(strict.results.first { $0.id == "drift.amount" }?.passed == false)
    }

    @Test("unknown schema object and invalid patterns are reported")
    func errors() throws {
        let contract = try Contracts.parse()
        #expect(throws: QualityError.self) {
            try ContractEvaluator(contract: contract, schema: Fixture.schema, options: QualityOptions(object: "nope"))
        }
        let bad = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: 1.0.0
        status: active
        schema: [{ name: t, properties: [{ name: s, logicalType: string, logicalTypeOptions: { pattern: "([a-z" } }] }]
        """)
        let schema = Schema([Field("s", .string)])
        let report = try Self.run(bad, [RecordBatch.empty(schema)], QualityOptions())
        #expect(report.results.first { $0.id == "pattern.s" }?.passed == false)
    }

    @Test("a policy bundle: glossary terms bound by the contract, primary-key checks and publish-stage rules on the statistics")
    func policyBundle() throws {
        let bundle = try PolicyBundle(yaml: """
        apiVersion: meshwork/v1
        kind: PolicyBundle
        name: test-global
        version: 1.0.0
        scope: global
        requiredChecks:
          primaryKeyNullCheck: true
        glossary:
          - { id: fico_score, definition: Credit bureau FICO score., type: integer, minimum: 300, maximum: 850 }
          - { id: risk_band, definition: Banded risk., type: string, allowedValues: [low, medium, high] }
        rules:
          - id: volume
            description: Training data products publish at least 1,000 rows per version
            stage: publish
            when: "'training-data' in product.tags"
            require: "stats.rowCount >= 1000"
          - id: fico-mean
            description: The mean FICO score stays plausible
            stage: publish
            severity: warning
            require: "stats.columns.fico.mean >= 600.0"
        """)
        let contract = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: risk.scores
        domain: risk
        dataProduct: scores
        version: 1.0.0
        status: active
        tags: [training-data]
        schema:
          - name: scores
            properties:
              - { name: id, logicalType: integer, primaryKey: true }
              - { name: fico, logicalType: integer, authoritativeDefinitions: [{ type: glossaryTerm, url: "glossary:fico_score" }] }
              - { name: band, logicalType: string, authoritativeDefinitions: [{ type: glossaryTerm, url: "glossary:risk_band" }] }
        """)
        let schema = Schema([Field("id", .int64), Field("fico", .int32), Field("band", .string)])
        var b = RecordBatchBuilder(schema: schema)
        for i in 0..<500 {
            b.columns[0].append(int64: Int64(i))
            b.columns[1].append(int32: i == 7 ? 900 : Int32(500 + i % 100))
            b.columns[2].append(string: ["low", "medium", "high", i == 499 ? "extreme" : "low"][i % 4])
        }
        let engine = try PolicyEngine(global: bundle)
        let report = try Self.run(contract, [b.finish()], Self.options { $0.policy = engine })
        let r = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(r["glossary.fico_score"]?.passed == false && r["glossary.fico_score"]?.observedValue == 1)
        #expect(r["glossary.risk_band"]?.passed == false && r["glossary.risk_band"]!.observed.contains("'extreme'"))
        #expect(r["checks.primary-key-null"]?.passed == true && r["checks.primary-key-unique"]?.passed == true)
        let volume = try #require(report.results.first { $0.id.contains("volume") })
        #expect(!volume.passed && volume.kind == .policy && volume.severity == .error)
        let mean = try #require(report.results.first { $0.id.contains("fico-mean") })
        #expect(!mean.passed && mean.severity == .warning)
        let statistics = report.profile.expressionStatistics
        #expect(statistics["rowCount"] == .int(500))
    }

    @Test("date and timestamp bounds from logicalTypeOptions; array items are type-checked")
    func temporalBoundsAndArrays() throws {
        let contract = try Contracts.parse("""
        apiVersion: v3.1.0
        kind: DataContract
        id: t
        version: 1.0.0
        status: active
        schema:
          - name: t
            properties:
              - { name: day, logicalType: date, logicalTypeOptions: { minimum: "2026-01-01", maximum: "2026-12-31" } }
              - { name: at, logicalType: timestamp, logicalTypeOptions: { minimum: "2026-01-01T00:00:00Z" } }
              - { name: scores, logicalType: array, items: { logicalType: integer } }
              - { name: names, logicalType: array, items: { logicalType: integer } }
        """)
        let schema = Schema([Field("day", .date), Field("at", .timestamp(unit: .milliseconds, utc: true)),
                             Field("scores", .list(element: Field("element", .int64))),
                             Field("names", .list(element: Field("element", .string)))])
        var b = RecordBatchBuilder(schema: schema)
        let jan1: Int32 = 20_454 // 2026-01-01
        for (i, day) in [jan1 - 1, jan1, jan1 + 364, jan1 + 365].enumerated() {
            b.columns[0].append(int32: day)
            b.columns[1].append(int64: (Int64(jan1) * 86_400 + Int64(i) - 2) * 1000)
            try b.columns[2].append(list: [.int64(Int64(i))])
            try b.columns[3].append(list: [.string("x")])
        }
        let report = try Self.run(contract, [b.finish()], Self.options())
        let r = Dictionary(report.results.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(r["range.day"]?.observedValue == 2 && r["range.day"]!.observed.contains("2025-12-31"))
        #expect(r["range.at"]?.observedValue == 2)
        #expect(r["schema.scores"]?.passed == true)
        #expect(r["schema.names"]?.passed == false && r["schema.names"]!.message.contains("array items"))
    }
}

