import Foundation
import Logging
import Mesh
import ServiceLifecycle

/// The server's scheduled work, as a service of `mesh serve`'s service group: webhook
/// deliveries (with the dispatcher's retries and back-off) and the freshness monitor, which
/// raises a breach alert when a product falls behind its latency SLA. Both stop on graceful
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
    let logger: Logger

    /// Creates the work for `service`.
    public init(service: MeshService, metrics: ServerMetrics, webhookInterval: Duration = .seconds(2), freshnessInterval: Duration = .seconds(60),
                logger: Logger = Logger(label: "meshwork.background")) {
        self.service = service
        self.metrics = metrics
        self.webhookInterval = webhookInterval
        self.freshnessInterval = freshnessInterval
        self.logger = logger
    }

    public func run() async throws {
        let (service, metrics, logger) = (self.service, self.metrics, self.logger)
        let (webhookInterval, freshnessInterval) = (self.webhookInterval, self.freshnessInterval)
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
            }
        }
    }
}
