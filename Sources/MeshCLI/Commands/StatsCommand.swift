import ArgumentParser
import Foundation
import Mesh

/// `mesh stats [PRODUCT] [--json]`.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show supply-chain figures: data-to-availability latency, rejected publishes, revoked training inputs.",
        discussion: """
            Latency is a version's publish time minus the newest event time in its data (products whose contract \
            names an event-time column). Rejected publishes count every publish the gate refused.
            """
    )

    @Argument(help: ArgumentHelp("Only this product (DOMAIN.PRODUCT).", valueName: "product"))
    var product: String?

    @OptionGroup var options: MeshOptions

    @Flag(help: "Print the figures as JSON.")
    var json = false

    func run() throws {
        try Console.reportingMeshErrors {
            let stats = try options.connect().stats(productID: product)
            if json { return Console.line(MeshJSON.stats(stats).rendered()) }
            Console.line("PRODUCT                              VERSIONS  REVOKED  LATENCY latest / median / max        REJECTED")
            for p in stats.products {
                let latency = [p.latestLatency, p.medianLatency, p.maximumLatency].map { $0.map(Self.duration) ?? "–" }.joined(separator: " / ")
                Console.line([p.productID.padded(35), String(p.versions).padded(8), String(p.revokedVersions).padded(7), latency.padded(30),
                              String(p.rejectedPublishes)].joined(separator: "  "))
            }
            if !stats.trainingSets.isEmpty {
                Console.line("")
                Console.line("TRAINING SET          INPUTS  REVOKED LATER")
                for s in stats.trainingSets {
                    Console.line([s.name.padded(20), String(s.inputs).padded(6),
                                  "\(s.revokedInputs.count)" + (s.revokedInputs.isEmpty ? "" : " (" + s.revokedInputs.map(\.description).joined(separator: ", ") + ")")]
                        .joined(separator: "  "))
                }
            }
        }
    }

    /// `3d 4h`, `2h 5m`, `12m 3s`, `45s`.
    static func duration(_ seconds: TimeInterval) -> String {
        let sign = seconds < 0 ? "-" : ""
        let s = Int(abs(seconds).rounded())
        let (d, h, m, r) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60, s % 60)
        if d > 0 { return "\(sign)\(d)d \(h)h" }
        if h > 0 { return "\(sign)\(h)h \(m)m" }
        if m > 0 { return "\(sign)\(m)m \(r)s" }
        return "\(sign)\(r)s"
    }
}

extension MeshJSON {
    static func seconds(_ value: Double?) -> JSON { value.map(JSON.double) ?? .null }

    static func productStats(_ p: MeshStats.Product) -> JSON {
        let latency: JSON = .object([("latest", seconds(p.latestLatency)), ("median", seconds(p.medianLatency)), ("max", seconds(p.maximumLatency))])
        let perVersion: [JSON] = p.latencies.map { v in
            JSON.object([("version", .int(Int64(v.version))), ("newest_event_time", date(v.newestEventTime)), ("published_at", date(v.publishedAt)),
                         ("seconds", .double(v.seconds))])
        }
        return .object([
            ("product", .string(p.productID)), ("versions", .int(Int64(p.versions))), ("revoked_versions", .int(Int64(p.revokedVersions))),
            ("latency_seconds", latency), ("rejected_publishes", .int(Int64(p.rejectedPublishes))), ("version_latencies", .array(perVersion)),
        ])
    }

    static func trainingSetStats(_ s: MeshStats.TrainingSet) -> JSON {
        .object([("name", .string(s.name)), ("inputs", .int(Int64(s.inputs))), ("revoked_inputs", strings(s.revokedInputs.map(\.description)))])
    }

    static func stats(_ s: MeshStats) -> JSON {
        .object([("products", .array(s.products.map(productStats))), ("training_sets", .array(s.trainingSets.map(trainingSetStats)))])
    }
}
