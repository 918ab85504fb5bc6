import Foundation
import Logging
import Mesh
import ServiceLifecycle

/// The server's scheduled work, as a service of `mesh serve`'s service group: webhook
/// deliveries (with the dispatcher's retries and back-off), the freshness monitor, which
/// raises a breach alert when a product falls behind its latency SLA, and the retention pass,
/// which expires versions older than their contracts' retention SLAs. All stop on graceful
/// shutdown, after the pass in progress.
public struct BackgroundWork: Service {
    /// The mesh worked on.
    public let service: MeshService
    /// Where the outcomes are counted.
    public let metrics: ServerMetrics
    /// How often due webhook deliveries are sent.
    public var webhookInterval: Duration
    /// How often freshness is checked.
    public var freshnessInterval: Duration
    /// How often the retention SLAs are enforced (see ``MeshService/applyRetention(productID:dryRun:by:)``).
    public var retentionInterval: Duration
    let logger: Logger

    /// Creates the work for `service`.
    public init(service: MeshService, metrics: ServerMetrics, webhookInterval: Duration = .seconds(2), freshnessInterval: Duration = .seconds(60),
                retentionInterval: Duration = .seconds(3600), logger: Logger = Logger(label: "meshwork.background")) {
        self.service = service
        self.metrics = metrics
        self.webhookInterval = webhookInterval
        self.freshnessInterval = freshnessInterval
        self.retentionInterval = retentionInterval
        self.logger = logger
    }

    public func run() async throws {
        let (service, metrics, logger) = (self.service, self.metrics, self.logger)
        let (webhookInterval, freshnessInterval, retentionInterval) = (self.webhookInterval, self.freshnessInterval, self.retentionInterval)
        try await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    await service.webhookDispatcher().run(every: webhookInterval) { outcome in
                        switch outcome {
                        case .success(let report):
                            metrics.recordWebhooks(delivered: report.delivered.count, retrying: report.retrying.count, failed: report.failed.count)
                        case .failure(let error):
                            logger.error("webhook pass failed: \(error)")
                        }
                    }
                }
                group.addTask {
                    await service.monitorFreshness(every: freshnessInterval) { outcome in
                        switch outcome {
                        case .success(let checks):
                            metrics.recordFreshnessRun()
                            for check in checks where check.raised != nil {
                                logger.warning("freshness breach: \(check.freshness.message)")
                            }
                        case .failure(let error):
                            metrics.recordFreshnessRun(error: "\(error): \(error.details.joined(separator: "; "))")
                            logger.error("freshness check failed: \(error)")
                        }
                    }
                }
                group.addTask {
                    await service.enforceRetention(every: retentionInterval) { outcome in
                        switch outcome {
                        case .success(let outcomes):
                            metrics.recordRetentionRun(expired: outcomes.reduce(0) { $0 + $1.expired.count })
                            for o in outcomes where !o.expired.isEmpty {
                                logger.info("retention: \(o.productID) expired \(o.expired.map { "v\($0)" }.joined(separator: ", "))")
                            }
                        case .failure(let error):
                            metrics.recordRetentionRun(expired: 0, error: "\(error)")
                            logger.error("retention pass failed: \(error)")
                        }
                    }
                }
            }
        }
    }
}
