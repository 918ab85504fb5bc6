import Testing
@testable import Training

@Suite struct TrainingSetSpecTests {
    static let valid = """
    name: spend-propensity
    description: Spend per transaction from profile and affinity features.
    owner: risk-ml
    purpose: credit-risk-modelling
    asOfKnownTime: true
    label:
      product: payments.transactions
      keys: [customer_id, merchant_category]
      eventTime: event_time
      columns: [amount]
      filter: "currency = 'EUR'"
    features:
      - product: customers.profiles
        columns: [fico_score, segment]
        keys: {customer_id: customer_id}
        eventTime: updated_at
        ttl: 90d
      - product: recommendations.merchant_affinity
        alias: affinity
        columns: [affinity]
        keys: [customer_id, merchant_category]
        eventTime: computed_at
        ttl: 1d12h
        asOfKnownTime: false
    splits:
      - {name: train, from: 2024-01-01, until: 2024-10-01}
      - {name: validation, from: 2024-10-01, until: 2024-11-01}
      - {name: test, from: 2024-11-01, until: "2024-12-01T00:00:00Z"}
    entityDisjoint: false
    pins:
      customers.profiles: "4711"
    """

    @Test func parsesEverything() throws {
        let spec = try TrainingSetSpec(yaml: Self.valid)
        #expect(spec.name == "spend-propensity")
        #expect(spec.owner == "risk-ml")
        #expect(spec.purpose == "credit-risk-modelling")
        #expect(spec.label.keys == ["customer_id", "merchant_category"])
        #expect(spec.label.filter == "currency = 'EUR'")
        #expect(spec.features.count == 2)
        #expect(spec.features[0].alias == "customers_profiles")
        #expect(spec.features[0].asOfKnownTime == true)  // from the top-level default
        #expect(spec.features[0].ttl == TimeSpan(seconds: 90 * 86_400))
        #expect(spec.features[0].keys == [.init(feature: "customer_id", label: "customer_id")])
        #expect(spec.features[1].alias == "affinity")
        #expect(spec.features[1].asOfKnownTime == false)
        #expect(spec.features[1].keys.map(\.label) == ["customer_id", "merchant_category"])
        #expect(spec.features[1].ttl == TimeSpan(seconds: 36 * 3_600))
        #expect(spec.splits.map(\.name) == ["train", "validation", "test"])
        #expect(spec.splits[2].until.microseconds == Instant(parsing: "2024-12-01")!.microseconds)
        #expect(spec.pins == ["customers.profiles": "4711"])
    }

    @Test func omittedKeysMeanTheLabelKeys() throws {
        let text = """
        name: x
        purpose: p
        label: {product: a.b, keys: [k1, k2], eventTime: t, columns: y}
        features:
          - {product: c.d, columns: [f], eventTime: t}
        """
        let spec = try TrainingSetSpec(yaml: text)
        #expect(spec.features[0].keys == [.init(feature: "k1", label: "k1"), .init(feature: "k2", label: "k2")])
        #expect(spec.label.columns == ["y"])
        #expect(spec.splits.isEmpty)
        #expect(spec.asOfKnownTime == false)
    }

    @Test func roundTripsThroughYAML() throws {
        let spec = try TrainingSetSpec(yaml: Self.valid)
        let text = try spec.yaml()
        let again = try TrainingSetSpec(yaml: text)
        #expect(again == spec)
        #expect(try again.yaml() == text)
    }

    /// Replaces `old` in the valid spec with `new` and returns the problems.
    static func problems(replacing old: String, with new: String) -> [SpecProblem] {
        precondition(valid.contains(old), "fixture text not found: \(old)")
        return TrainingSetSpec.problems(yaml: valid.replacingOccurrences(of: old, with: new))
    }

    static let errorCases: [(String, String, String, String)] = [
        // (replace, with, expected path, message fragment)
        ("name: spend-propensity", "name: spend propensity", "name", "may only hold"),
        ("name: spend-propensity", "nam: spend-propensity", "nam", "unknown key"),
        ("name: spend-propensity\n", "", "name", "missing"),
        ("purpose: credit-risk-modelling", "purpose: ''", "purpose", "must not be empty"),
        ("asOfKnownTime: true", "asOfKnownTime: maybe", "asOfKnownTime", "not a boolean"),
        ("product: payments.transactions", "product: payments", "label.product", "domain.product"),
        ("keys: [customer_id, merchant_category]\n  eventTime", "keys: [customer_id, customer_id]\n  eventTime", "label.keys", "named twice"),
        ("  eventTime: event_time\n", "", "label.eventTime", "missing"),
        ("eventTime: event_time", "eventTime: customer_id", "label.eventTime", "also a key"),
        ("columns: [amount]", "columns: []", "label.columns", "at least one"),
        ("columns: [amount]", "columns: [customer_id]", "label.columns[0]", "already a key"),
        ("columns: [amount]", "columns: [{a: 1}]", "label.columns[0]", "single value"),
        ("  filter: \"currency = 'EUR'\"", "  colour: red", "label.colour", "unknown key"),
        ("ttl: 90d", "ttl: 3x", "features[0].ttl", "\"3x\" is not a duration"),
        ("ttl: 1d12h", "ttl: [1d]", "features[1].ttl", "single value"),
        ("keys: {customer_id: customer_id}", "keys: {customer_id: client}", "features[0].keys.customer_id", "not one of the label keys"),
        ("keys: {customer_id: customer_id}", "keys: {customer_id: customer_id, cid: customer_id}", "features[0].keys", "mapped twice"),
        ("keys: {customer_id: customer_id}", "keys: {customer_id: [a]}", "features[0].keys.customer_id", "single value"),
        ("columns: [fico_score, segment]", "columns: [fico_score, fico_score]", "features[0].columns", "named twice"),
        ("    alias: affinity\n", "    alias: customers_profiles\n", "features[1].alias", "already used"),
        ("    alias: affinity\n", "    alias: my alias\n", "features[1].alias", "not usable"),
        ("    asOfKnownTime: false", "    asOfKnownTime: 3", "features[1].asOfKnownTime", "not a boolean"),
        ("    eventTime: computed_at\n", "    eventTime: computed_at\n    weight: 2\n", "features[1].weight", "unknown key"),
        ("  - product: customers.profiles", "  - product: customers.profiles.v2", "features[0].product", "domain.product"),
        ("from: 2024-01-01,", "from: 2024-02-30,", "splits[0].from", "ISO 8601"),
        ("{name: validation, from: 2024-10-01,", "{from: 2024-10-01,", "splits[1].name", "missing"),
        ("{name: test,", "{name: train,", "splits[2].name", "used twice"),
        ("until: 2024-10-01}", "until: 2023-10-01}", "splits[0].until", "not after"),
        ("{name: validation, from: 2024-10-01,", "{name: validation, from: 2024-09-01,", "splits[1]", "overlaps"),
        ("entityDisjoint: false", "entityDisjoint: sometimes", "entityDisjoint", "not a boolean"),
        ("  customers.profiles: \"4711\"", "  customers.addresses: \"1\"", "pins.customers.addresses", "neither"),
        ("  customers.profiles: \"4711\"", "  customers.profiles: [1]", "pins.customers.profiles", "single value"),
        ("columns: [amount]", "columns: [amount, customers_profiles__updated_at]", "features", "\"customers_profiles__updated_at\""),
    ]

    @Test(arguments: 0..<errorCases.count)
    func reportsProblemWithPath(_ i: Int) {
        let (old, new, path, fragment) = Self.errorCases[i]
        let problems = Self.problems(replacing: old, with: new)
        #expect(problems.contains { $0.path == path && $0.message.contains(fragment) }, "\(problems)")
    }

    @Test func collisionPrefixesBothColumns() throws {
        // `segment` from two sources: both are prefixed, so no error and distinct names.
        let text = Self.valid.replacingOccurrences(of: "columns: [affinity]", with: "columns: [affinity, segment]")
        let spec = try TrainingSetSpec(yaml: text)
        let names = OutputLayout(spec: spec).names
        #expect(names.contains("customers_profiles__segment"))
        #expect(names.contains("affinity__segment"))
        #expect(names.contains("fico_score"))
        #expect(names.contains("affinity__computed_at"))
    }

    @Test func structuralErrors() {
        #expect(TrainingSetSpec.problems(yaml: "name: [unclosed").first?.message.contains("not valid YAML") == true)
        #expect(TrainingSetSpec.problems(yaml: "").first?.message == "the spec is empty")
        #expect(TrainingSetSpec.problems(yaml: "- a\n- b").first?.message.contains("expected a mapping") == true)
        let noLabel = TrainingSetSpec.problems(yaml: "name: x\npurpose: p\nfeatures: []")
        #expect(noLabel.contains { $0.path == "label" })
        #expect(noLabel.contains { $0.path == "features" && $0.message.contains("at least one") })
        let labelScalar = TrainingSetSpec.problems(yaml: "name: x\npurpose: p\nlabel: a.b\nfeatures: {}")
        #expect(labelScalar.contains { $0.path == "label" && $0.message.contains("mapping") })
        #expect(labelScalar.contains { $0.path == "features" && $0.message.contains("list") })
        let featureScalar = TrainingSetSpec.problems(yaml: "name: x\npurpose: p\nlabel: {product: a.b, keys: k, eventTime: t, columns: y}\nfeatures: [c.d]")
        #expect(featureScalar.contains { $0.path == "features[0]" && $0.message.contains("mapping") })
        let disjoint = TrainingSetSpec.problems(yaml: "name: x\npurpose: p\nentityDisjoint: true\nlabel: {product: a.b, keys: k, eventTime: t, columns: y}\nfeatures: [{product: c.d, columns: f, eventTime: t}]")
        #expect(disjoint.contains { $0.path == "entityDisjoint" && $0.message.contains("two splits") })
    }

    @Test func throwsEveryProblemAtOnce() {
        let text = Self.valid.replacingOccurrences(of: "ttl: 90d", with: "ttl: 3x").replacingOccurrences(of: "entityDisjoint: false", with: "entityDisjoint: 2")
        do {
            _ = try TrainingSetSpec(yaml: text)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidSpec)
            #expect(error.context == "features[0].ttl")
            #expect(error.message.contains("features[0].ttl: \"3x\" is not a duration"))
            #expect(error.message.contains("entityDisjoint: \"2\" is not a boolean"))
        }
    }

    @Test func exampleSpecsAreValid() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Examples/trainsets").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 2)
        for file in files {
            let spec = try TrainingSetSpec(yaml: String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8))
            #expect(!spec.features.isEmpty, "\(file)")
        }
    }
}

import Foundation
