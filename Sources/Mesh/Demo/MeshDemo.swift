import Catalog
import Columnar
import Foundation
import TextFormats

/// Builds the sample mesh of `mesh demo` end to end and narrates what happens.
///
/// Four domains (customers, payments, fraud, recommendations) register ODCS contracts under a
/// global policy bundle with a glossary; consumers subscribe; producers publish good versions
/// (one derived from another product's version); then a publish with schema drift and one
/// breaking the glossary's `fico_score` range (300–850) are rejected and their alerts reach the
/// producer and every subscribed consumer; a consumer from another domain asks for access,
/// gets it, and reads with personal data masked or dropped. Then the ML story: a training set
/// is built across three domains, a model is registered on it, newer input versions are
/// published and the set is replayed bit for bit, and revoking an input version alerts the
/// derived product's, the training set's and the model's owners. The mesh stays in the
/// directory for the user to explore; its contracts, policy, input files and training-set spec
/// are written beside the catalog.
public struct MeshDemo {
    /// The directory the mesh is built in.
    public let directory: String
    /// The demo's clock: event times in the generated data are relative to it.
    public let now: @Sendable () -> Date
    /// Receives the narrative, a line at a time.
    public let say: (String) -> Void
    /// Whether the demo goes on after the publishing story (step 8) with the ML story: the
    /// training set, the model, newer versions, the replay and the revocation of
    /// payments.transactions@2 (tests that build on the publishing story alone turn this off).
    public var endsWithRevocation = true

    /// Creates a demo that builds its mesh in `directory`.
    public init(directory: String, now: @escaping @Sendable () -> Date = { Date() }, say: @escaping (String) -> Void) {
        self.directory = directory
        self.now = now
        self.say = say
    }

    /// What the demo built, for tests and the closing summary.
    public struct Summary: Sendable {
        /// Products with their version count.
        public var versions: [String: Int] = [:]
        /// Rejected publishes: product → failed check lines.
        public var rejections: [String: [String]] = [:]
        /// Recipients of the rejection alerts, per product.
        public var alerted: [String: [String]] = [:]
        /// Columns the consumer's read masked or dropped.
        public var maskedColumns: [String] = []
        /// The versions downstream of the revoked version, and who the revocation alerted.
        public var revocationImpact: [String] = []
        /// Everyone the revocation alerted.
        public var revocationAlerted: [String] = []
        /// The training set's content hash, rows per split, pinned inputs and spec file.
        public var trainingSetHash: String?
        public var trainingSplits: [String: Int] = [:]
        public var trainingInputs: [String] = []
        /// The training-set specs left in `DIR/trainsets/`.
        public var trainingSpecs: [String] = []
        /// Whether the replay after newer versions reproduced the content hash.
        public var replayMatches: Bool?
    }

    static let principals: [(name: String, team: String, roles: Set<Principal.Role>)] = [
        ("chen", "customers-data", [.owner, .producer]),
        ("aline", "payments-data", [.owner, .producer]),
        ("farah", "fraud-ml", [.owner, .producer, .consumer]),
        ("ravi", "recommendations-ml", [.owner, .producer, .consumer]),
        ("mia", "risk-ml", [.consumer]),
        ("gia", "governance-guild", [.governance]),
    ]

    static let domains: [(name: String, owner: String, description: String)] = [
        ("customers", "customers-data", "Who our customers are: profiles, segments, bureau data."),
        ("payments", "payments-data", "Card authorisations and settlements."),
        ("fraud", "fraud-ml", "Fraud detection models, their features and scores."),
        ("recommendations", "recommendations-ml", "Personalisation and offer ranking."),
    ]

    static let subscriptions: [(product: String, consumer: String, purpose: String)] = [
        ("payments.transactions", "fraud-ml", "fraud-detection"),
        ("payments.transactions", "recommendations-ml", "recommendations"),
        ("customers.profiles", "risk-ml", "credit-risk-training"),
        ("customers.profiles", "recommendations-ml", "recommendations"),
    ]

    /// Builds the mesh; the directory must not exist, be empty, or hold an earlier demo mesh
    /// (which is replaced).
    @discardableResult
    public func run() throws(MeshError) -> Summary {
        try prepareDirectory()
        let clock = now
        let mesh = try MeshService.initialize(directory: directory, now: clock)
        try mesh.write { t throws(CatalogError) in try t.setSetting("demo", "true") }
        let data = DemoData(now: clock())
        var summary = Summary()
        let admin = try mesh.resolveCaller(MeshService.administrator, environment: [:])

        say("Meshwork demo: building a sample data mesh in \(directory)")
        say("")
        say("1. The platform team creates the mesh and applies the global policy bundle (policy as code).")
        let files = try writeInputs(data)
        let application = try mesh.applyPolicy(yaml: DemoPolicy.global, source: files.policy, by: admin)
        say("   policy \(application.bundle): PII must be classified confidential and limited to purposes,")
        let terms = try mesh.glossary().map(\.term.id)
        say("   every product needs an owner, a freshness SLA and primary-key null checks; glossary: \(terms.joined(separator: ", ")).")
        for person in Self.principals {
            _ = try mesh.createPrincipal(name: person.name, roles: person.roles, team: person.team, by: admin)
        }
        for domain in Self.domains {
            _ = try mesh.createDomain(name: domain.name, owner: domain.owner, description: domain.description, by: admin)
        }
        say("   domains: " + Self.domains.map { "\($0.name) (owned by \($0.owner))" }.joined(separator: ", "))
        say("")

        say("2. Each domain registers its data product with an ODCS v3 contract (linted and checked against the policy).")
        let owners = ["customers": "chen", "payments": "aline", "fraud": "farah", "recommendations": "ravi"]
        for (file, yaml) in DemoContracts.all {
            let domain = String(file.prefix { $0 != "-" })
            let registration = try mesh.registerProduct(contractYAML: yaml, source: "contracts/" + file, by: try caller(mesh, owners[domain]!))
            let product = registration.product
            say("   \(product.id) \(product.contractVersion) by \(product.owner): \(product.description.prefix(70))…")
        }
        for s in Self.subscriptions {
            let member = Self.principals.first { $0.team == s.consumer }!.name
            _ = try mesh.subscribe(productID: s.product, consumer: s.consumer, purpose: s.purpose, by: try caller(mesh, member))
        }
        say("   subscriptions: " + Self.subscriptions.map { "\($0.consumer) → \($0.product) (\($0.purpose))" }.joined(separator: ", "))
        for s in Self.subscriptions where s.product == "payments.transactions" {
            _ = try mesh.grant(productID: s.product, principal: s.consumer, purpose: s.purpose, clearance: "confidential", by: try caller(mesh, "aline"))
        }
        say("   payments-data grants its two consumer teams read access for their purposes (customers.profiles' consumers must ask).")
        say("")

        say("3. Producers publish versions; every publish is staged on an Iceberg branch and gated by the contract.")
        try publish(mesh, "customers.profiles", files.profiles, as: "chen", summary: &summary)
        try publish(mesh, "payments.transactions", files.transactions1, as: "aline", summary: &summary)
        try publish(mesh, "payments.transactions", files.transactions2, as: "aline", summary: &summary)
        try publish(mesh, "fraud.risk_scores", files.riskScores, as: "farah", from: ["payments.transactions@1"], summary: &summary)
        try publish(mesh, "recommendations.merchant_affinity", files.affinity, as: "ravi", from: ["payments.transactions@2"], summary: &summary)
        say("")

        say("4. The card processor changes its export: `amount` becomes `amount_cents` and a `card_number` column appears.")
        try publish(mesh, "payments.transactions", files.drifted, as: "aline", expectRejection: true, summary: &summary)
        say("")
        say("5. The credit bureau rescales its scores; customers-data publishes profiles with fico_score above 850.")
        try publish(mesh, "customers.profiles", files.rescaled, as: "chen", expectRejection: true, summary: &summary)
        say("")

        say("6. The alerts, as each team's event feed shows them (`mesh events --consumer TEAM`):")
        for team in ["payments-data", "fraud-ml", "recommendations-ml", "customers-data", "risk-ml"] {
            let events = try mesh.events(consumer: team).filter { $0.kind == "publish.rejected" }
            for event in events {
                say("   \(team.padding(toLength: 19, withPad: " ", startingAt: 0)) \(event.kind) \(event.productID ?? ""): \(event.message.prefix(90))")
                summary.alerted[event.productID ?? "", default: []].append(team)
            }
        }
        say("")

        say("7. ravi (recommendations-ml) asks for customers.profiles for the `recommendations` purpose; chen approves.")
        let ravi = try caller(mesh, "ravi")
        let request = try mesh.requestAccess(productID: "customers.profiles", purpose: "recommendations",
                                             justification: "Segment and country as ranking features", by: ravi)
        _ = try mesh.approve(requestID: request.id, clearance: "internal", by: try caller(mesh, "chen"))
        var read = try mesh.read(productID: "customers.profiles", limit: 5, purpose: "recommendations", by: ravi)
        for column in read.decision?.columns ?? [] where column.action != .show {
            summary.maskedColumns.append(column.column)
            say("   \(column.column): \(column.action.rawValue) (\(column.reason))")
        }
        let table = MemoryOutput()
        do {
            var writer = TableWriter(output: table, schema: read.reader.schema)
            while let batch = try read.reader.next() { try writer.write(batch) }
            try writer.finish()
        } catch let error as MeshError {
            throw error
        } catch {
            throw MeshError(.storage, "cannot print the read: \(error)")
        }
        say("   `mesh read customers.profiles --as ravi --purpose recommendations --limit 5` shows:")
        for line in table.string.split(separator: "\n") { say("     " + line) }
        say("")

        say("8. Version history of payments.transactions (`mesh versions payments.transactions`):")
        for version in try mesh.versions("payments.transactions") {
            say("   v\(version.version)  \(version.mode.padding(toLength: 9, withPad: " ", startingAt: 0)) +\(version.addedRows) rows → \(version.rowCount) rows  by \(version.publishedBy)")
        }
        for rejection in try mesh.rejections("payments.transactions") {
            say("   rejected attempt by \(rejection.attemptedBy): \(rejection.reason.prefix(90))")
        }
        if endsWithRevocation {
            say("")
            try trainingSteps(mesh, data: data, summary: &summary)
            say("")
            try revokeStep(mesh, summary: &summary)
        }
        for product in try mesh.products() { summary.versions[product.id] = try mesh.versions(product.id).count }
        _ = try? mesh.sendDueWebhooks(budget: 1)
        say("")
        say("The mesh is in \(directory); its contracts, policy and input files are inside it. Explore:")
        say("   export MESH_DIR=\(directory)        # or add --mesh \(directory) to each command")
        say("   mesh search fico")
        say("   mesh show payments.transactions")
        say("   mesh events --consumer fraud-ml")
        say("   mesh read payments.transactions@1 --as farah --purpose fraud-detection --limit 5")
        say("   mesh publish payments.transactions \(directory)/inputs/transactions-3-drifted.csv --as aline")
        if endsWithRevocation {
            say("   mesh lineage model:\(Self.modelName) --upstream")
            say("   mesh lineage payments.transactions --downstream --format dot | dot -Tsvg > lineage.svg")
            say("   mesh trainset build \(directory)/trainsets/\(Self.trainingSetName).yaml --name \(Self.trainingSetName)-2 --as ravi")
            say("   mesh stats")
        }
        return summary
    }

    /// Step 12: the lineage of payments.transactions@2, then its revocation and the alerts
    /// reaching the derived product's, the training set's and the model's owners.
    func revokeStep(_ mesh: MeshService, summary: inout Summary) throws(MeshError) {
        say("12. Lineage: what was made from payments.transactions@2 (`mesh lineage payments.transactions@2 --downstream`):")
        let graph = try mesh.lineage(of: .product("payments.transactions", version: .number(2)), direction: .downstream)
        for line in graph.textLines() { say("   " + line) }
        let reason = "the card processor sent duplicated authorisations"
        say("   payments-data finds duplicates in it and revokes it: `mesh version revoke payments.transactions@2 --reason \"\(reason)\" --as aline`")
        let revocation = try mesh.revokeVersion("payments.transactions@2", reason: reason, by: try caller(mesh, "aline"))
        summary.revocationImpact = revocation.impact.map(\.label)
        summary.revocationAlerted = revocation.alerted
        for alert in revocation.alerts {
            say("   \(alert.event.kind) \(alert.subject) → \(alert.recipients.joined(separator: ", "))")
        }
        say("   recommendations-ml learns the same day that \(Self.modelName) trained on a bad version (`mesh events --consumer recommendations-ml`).")
        say("   The version stays readable (with a warning) for the investigation; `mesh versions payments.transactions` marks it revoked.")
    }

    // MARK: Steps

    func caller(_ mesh: MeshService, _ name: String) throws(MeshError) -> Principal {
        try mesh.resolveCaller(name, environment: [:])
    }

    func publish(_ mesh: MeshService, _ productID: String, _ path: String, as name: String, mode: PublishMode = .append, from: [String] = [],
                 expectRejection: Bool = false, summary: inout Summary) throws(MeshError) {
        let file = (path as NSString).lastPathComponent
        do throws(MeshError) {
            let result = try mesh.publish(productID: productID, inputs: [PublishInput(path: path)], mode: mode, from: from, by: try caller(mesh, name))
            let passed = result.outcome.report.results.filter(\.passed).count
            let derived = from.isEmpty ? "" : " (derived from \(from.joined(separator: ", ")))"
            say("   \(productID)@\(result.version.version) ← \(file): +\(result.version.addedRows) rows, \(passed) checks passed\(derived)")
            if expectRejection { throw MeshError(.storage, "the demo expected \(productID) to reject \(file), but it was accepted") }
        } catch {
            guard error.kind == .rejected, expectRejection else { throw error }
            say("   REJECTED \(productID) ← \(file): \(error.message)")
            for line in error.details.prefix(6) { say("     ✗ \(line)") }
            summary.rejections[productID] = error.details
            let versions = try mesh.versions(productID)
            say("   \(productID) is unchanged: still at v\(versions.last?.version ?? 0) with \(versions.last?.rowCount ?? 0) rows.")
        }
    }

    /// Creates the directory, refusing one that holds anything but an earlier demo mesh.
    func prepareDirectory() throws(MeshError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw MeshError(.invalidInput, "\(directory) is a file; give a directory for the demo mesh", context: directory) }
        let contents = (try? fm.contentsOfDirectory(atPath: directory)) ?? []
        if contents.isEmpty { return }
        if MeshDirectory.isMesh(directory), let mesh = try? MeshService.open(directory: directory),
           (try? mesh.read({ t throws(CatalogError) in try t.setting("demo") })) == "true" {
            say("(replacing the earlier demo mesh in \(directory))")
            do { try fm.removeItem(atPath: directory) } catch {
                throw MeshError(.storage, "cannot remove the earlier demo mesh: \(error.localizedDescription)", context: directory)
            }
            return
        }
        throw MeshError(.conflict, "\(directory) is not empty and is not a demo mesh; give another directory (`mesh demo DIR`)", context: directory)
    }

    struct InputFiles {
        var policy: String
        var profiles: String
        var rescaled: String
        var transactions1: String
        var transactions2: String
        var drifted: String
        var riskScores: String
        var affinity: String
    }

    /// Writes the contracts, the policy and the generated inputs beside the mesh.
    func writeInputs(_ data: DemoData) throws(MeshError) -> InputFiles {
        func write(_ text: String, _ relative: String) throws(MeshError) -> String { try writeFile(text, relative) }
        for (file, yaml) in DemoContracts.all { _ = try write(yaml, "contracts/" + file) }
        return InputFiles(
            policy: try write(DemoPolicy.global, "policies/global-policy.yaml"),
            profiles: try write(data.profiles(), "inputs/profiles-1.csv"),
            rescaled: try write(data.profiles(ficoScale: 1.2), "inputs/profiles-2-rescaled.csv"),
            transactions1: try write(data.transactions(batch: 1), "inputs/transactions-1.csv"),
            transactions2: try write(data.transactions(batch: 2), "inputs/transactions-2.csv"),
            drifted: try write(data.transactions(batch: 3, drifted: true), "inputs/transactions-3-drifted.csv"),
            riskScores: try write(data.riskScores(batch: 1), "inputs/risk-scores-1.csv"),
            affinity: try write(data.merchantAffinity(), "inputs/merchant-affinity-1.csv"))
    }
}
