import Catalog
import Foundation

extension MeshDemo {
    /// The demo's training set: its name, and the spec it leaves in `DIR/trainsets/`.
    static let trainingSetName = "spend-propensity"
    /// The model the demo registers on the training set.
    static let modelName = "offer-ranker"

    /// The spec of the demo's training set: labels from payments.transactions, features from
    /// customers.profiles and recommendations.merchant_affinity (three products, three
    /// domains), point-in-time joined, split by event time into the last hours the demo's
    /// data covers. `now` is the demo data's reference hour; the boundaries are written as
    /// absolute times so the file rebuilds the same set later.
    static func trainingSpec(now: Date, directory: String) -> String {
        func at(_ hours: Double) -> String { Timestamp.iso(now.addingTimeInterval(hours * 3600)) }
        return """
        # The demo's training set: three products from three domains, point-in-time joined.
        # Labels: how much a customer spends in a merchant category (payments.transactions);
        # features: the customer's profile (customers.profiles) and their affinity to the
        # category (recommendations.merchant_affinity), each as it was at the transaction's time.
        # Rebuild it on the newest versions with:
        #   mesh trainset build \(directory)/trainsets/\(trainingSetName).yaml --name \(trainingSetName)-2 --as ravi --mesh \(directory)
        name: \(trainingSetName)
        description: Predict a card transaction's amount from the customer's profile and merchant affinity at that moment.
        owner: recommendations-ml
        purpose: recommendations
        label:
          product: payments.transactions
          keys: [customer_id, merchant_category]
          eventTime: event_time
          columns: [amount, currency]
        features:
          - product: customers.profiles
            columns: [segment, country, fico_score]
            keys: {customer_id: customer_id}
            eventTime: updated_at
            ttl: 30d
          - product: recommendations.merchant_affinity
            columns: [affinity]
            keys: [customer_id, merchant_category]
            eventTime: computed_at
            ttl: 7d
        splits:
          - {name: train, from: "\(at(-6))", until: "\(at(-2))"}
          - {name: validation, from: "\(at(-2))", until: "\(at(-1))"}
          - {name: test, from: "\(at(-1))", until: "\(at(1))"}

        """
    }

    /// A second spec the demo leaves for the fraud team (not built by the demo): the risk band
    /// of fraud.risk_scores learnt from transaction attributes, with entity-disjoint splits.
    static func fraudReviewSpec(now: Date, directory: String) -> String {
        func at(_ minutes: Double) -> String { Timestamp.iso(now.addingTimeInterval(minutes * 60)) }
        return """
        # Learn the manual-review band of the production fraud model from transaction features.
        # Entity-disjoint splits: every transaction (the label key) lands in exactly one split, chosen
        # by a stable hash of its id, with shares proportional to the windows' lengths.
        # asOfKnownTime stays off: the demo publishes its history after the fact, so no feature
        # row was published before the scores were computed (turn it on for live pipelines).
        # Build it with:
        #   mesh trainset build \(directory)/trainsets/fraud-review.yaml --as farah --mesh \(directory)
        name: fraud-review-band
        description: Distil the risk band of fraud.risk_scores from transaction attributes.
        owner: fraud-ml
        purpose: fraud-detection
        asOfKnownTime: false
        label:
          product: fraud.risk_scores
          keys: [transaction_id]
          eventTime: scored_at
          columns: [risk_band, risk_score]
          filter: "model_version = 'gbm-2026.11'"
        features:
          - product: payments.transactions
            columns: [customer_id, merchant_category, amount, currency]
            keys: {transaction_id: transaction_id}
            eventTime: event_time
            ttl: 1d                               # a score is computed within a day of the authorisation
        splits:
          - {name: train, from: "\(at(-120))", until: "\(at(-15))"}
          - {name: test, from: "\(at(-15))", until: "\(at(15))"}
        entityDisjoint: true

        """
    }

    /// Steps 9–11: a training set across three domains, a model on it, newer input versions,
    /// and a replay that reproduces the set bit for bit.
    func trainingSteps(_ mesh: MeshService, data: DemoData, summary: inout Summary) throws(MeshError) {
        let ravi = try caller(mesh, "ravi")
        let specPath = try writeFile(Self.trainingSpec(now: data.now, directory: directory), "trainsets/\(Self.trainingSetName).yaml")
        summary.trainingSpecs = [specPath, try writeFile(Self.fraudReviewSpec(now: data.now, directory: directory), "trainsets/fraud-review.yaml")]
        say("9. recommendations-ml builds a training set from three domains' products (`mesh trainset build trainsets/\(Self.trainingSetName).yaml --as ravi`):")
        say("   labels: payments.transactions (amount per customer and merchant category); features: customers.profiles and")
        say("   recommendations.merchant_affinity, each taken as it was at the transaction's time (point-in-time join).")
        let built = try mesh.buildTrainingSet(specYAML: Self.trainingSpec(now: data.now, directory: directory), by: ravi)
        for input in built.manifest.inputs {
            var line = "   \(input.role.padding(toLength: 8, withPad: " ", startingAt: 0)) \(input.product)@\(input.version) (\(input.rows) rows)"
            if !input.masked.isEmpty { line += "; masked for \(built.manifest.purpose): \(input.masked.joined(separator: ", "))" }
            if !input.dropped.isEmpty { line += "; dropped: \(input.dropped.joined(separator: ", "))" }
            say(line)
        }
        say("   splits: " + built.manifest.splits.map { "\($0.name) \($0.rows)" }.joined(separator: ", ")
            + " rows (tags on the Iceberg table \(built.manifest.table))")
        say("   content hash \(built.manifest.contentHash.prefix(16))…; the manifest pins every input version, contract and policy bundle.")
        say("   The spec is in trainsets/, beside fraud-review.yaml (an entity-disjoint spec for the fraud team, ready to build).")
        summary.trainingSetHash = built.manifest.contentHash
        summary.trainingSplits = Dictionary(uniqueKeysWithValues: built.manifest.splits.map { ($0.name, $0.rows) })
        summary.trainingInputs = built.manifest.inputs.map { "\($0.product)@\($0.version)" }
        say("")

        say("10. ravi trains a model on it and registers it (`mesh model register \(Self.modelName) --trainset \(Self.trainingSetName)`).")
        let model = try mesh.registerModel(name: Self.modelName, trainingSet: Self.trainingSetName,
                                           metrics: #"{"ndcg@10": 0.412, "mae": 37.9}"#, by: ravi)
        say("   \(model.name), owned by \(model.owner), trained on \(model.trainingSet)")
        say("")

        say("11. Life goes on: payments and recommendations publish newer versions; the training set is replayed.")
        let transactions4 = try writeFile(data.transactions(batch: 4), "inputs/transactions-4.csv")
        try publish(mesh, "payments.transactions", transactions4, as: "aline", summary: &summary)
        let affinity2 = try writeFile(data.merchantAffinity(refresh: 1), "inputs/merchant-affinity-2.csv")
        try publish(mesh, "recommendations.merchant_affinity", affinity2, as: "ravi", mode: .overwrite,
                    from: ["payments.transactions@\(try mesh.versions("payments.transactions").last?.version ?? 0)"], summary: &summary)
        let replay = try mesh.replayTrainingSet(name: Self.trainingSetName, by: ravi)
        summary.replayMatches = replay.matches
        say("   `mesh trainset replay \(Self.trainingSetName)` rebuilds from " + replay.inputs.map(\.description).joined(separator: ", ") + ":")
        say("   content hash \(replay.actualHash.prefix(16))… " + (replay.matches ? "matches the original exactly." : "DIFFERS from the original \(replay.expectedHash.prefix(16))…"))
        if !replay.matches {
            throw MeshError(.storage, "the demo's training-set replay did not reproduce the original content hash", context: Self.trainingSetName)
        }
    }

    /// Writes `text` to `relative` under the demo directory; returns its path.
    func writeFile(_ text: String, _ relative: String) throws(MeshError) -> String {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw MeshError(.storage, "cannot write \(url.path): \(error.localizedDescription)", context: url.path)
        }
        return url.path
    }
}
